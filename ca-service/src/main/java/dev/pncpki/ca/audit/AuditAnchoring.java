package dev.pncpki.ca.audit;

import dev.pncpki.ca.keys.KeyBackend;
import dev.pncpki.ca.store.AuditAnchorDao;
import dev.pncpki.ca.store.AuditAnchorRow;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signs the audit chain's head on the {@link AnchorSchedule} and stores the anchor; judges the
 * stored anchors for a verification. Every instance of the CA anchors; an instance skips a head
 * that another one signed already. Each signed head is also written to the service log, so that an
 * operator who ships the log elsewhere holds a copy the database cannot take back.
 */
public final class AuditAnchoring {
  private static final Logger LOG = LoggerFactory.getLogger(AuditAnchoring.class);

  private final Jdbi jdbi;
  private final KeyBackend backend;
  private final Clock clock;
  private final AnchorSchedule schedule;
  private final AtomicReference<AnchorKey> key = new AtomicReference<>();
  private final AtomicReference<AuditAnchor> madeHere = new AtomicReference<>();

  public AuditAnchoring(Jdbi jdbi, KeyBackend backend, Clock clock, AnchorSchedule schedule) {
    this.jdbi = jdbi;
    this.backend = backend;
    this.clock = clock;
    this.schedule = schedule;
  }

  public AnchorSchedule schedule() {
    return schedule;
  }

  /**
   * Signs the head if it moved since the newest anchor, or if that anchor is a heartbeat old.
   *
   * @return the anchor made, if one was due
   * @throws dev.pncpki.ca.keys.KeyBackendException if the key backend cannot sign
   */
  public Optional<AuditAnchor> anchorIfDue() {
    Optional<AuditAnchorDao.Head> head = jdbi.withExtension(AuditAnchorDao.class, d -> d.head());
    if (head.isEmpty()) {
      return Optional.empty();
    }
    long id = head.get().id();
    Optional<AuditAnchor> latest = latest();
    if (!schedule.due(id, latest, clock.instant())) {
      return Optional.empty();
    }
    AuditAnchor anchor = key().sign(id, head.get().hash(), clock.instant());
    jdbi.useExtension(AuditAnchorDao.class, d -> d.insert(row(anchor)));
    madeHere.set(anchor);
    LOG.info(
        "audit chain head signed: event {}, hash {}, at {}",
        id,
        HexFormat.of().formatHex(anchor.headHash()),
        anchor.signedAt());
    return Optional.of(anchor);
  }

  /** The newest stored anchor. */
  public Optional<AuditAnchor> latest() {
    return jdbi.withExtension(AuditAnchorDao.class, d -> d.latest()).map(AuditAnchoring::anchor);
  }

  /**
   * The first thing wrong with the anchors, judged now; for a chain whose links and hashes were
   * verified already.
   *
   * @throws dev.pncpki.ca.keys.KeyBackendException if the key backend cannot be asked for its key
   */
  public Optional<String> problem() {
    return jdbi.withExtension(
        AuditAnchorDao.class,
        d -> {
          Optional<AuditAnchor> latest = d.latest().map(AuditAnchoring::anchor);
          Optional<AuditAnchor> broken = d.firstBroken().map(AuditAnchoring::anchor);
          AuditAnchor mine = madeHere.get();
          var evidence =
              new AnchorSchedule.Evidence(
                  latest,
                  latest.map(key()::verifies).orElse(false),
                  broken,
                  broken.map(a -> d.eventExists(a.eventId())).orElse(false),
                  Optional.ofNullable(mine),
                  mine != null && d.stored(mine.eventId(), mine.signature()),
                  d.oldestAfter(latest.map(AuditAnchor::eventId).orElse(0L)));
          return schedule.problem(evidence, clock.instant());
        });
  }

  private AnchorKey key() {
    AnchorKey k = key.get();
    if (k == null) {
      k = AnchorKey.of(backend);
      key.compareAndSet(null, k);
    }
    return k;
  }

  private static AuditAnchorRow row(AuditAnchor a) {
    return new AuditAnchorRow(
        a.eventId(), a.headHash(), a.signedAt(), a.keyReference(), a.signature());
  }

  private static AuditAnchor anchor(AuditAnchorRow r) {
    return new AuditAnchor(r.eventId(), r.headHash(), r.signedAt(), r.keyRef(), r.signature());
  }
}
