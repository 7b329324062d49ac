package dev.pncpki.ca.audit;

import dev.pncpki.ca.keys.KeyBackend;
import dev.pncpki.ca.store.AuditAnchorDao;
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
  private final AtomicReference<String> refused = new AtomicReference<>();

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
   * Before signing it checks what a database writer could have forged: the newest anchor must
   * verify, an anchor this instance made must still be stored, and the events since the newest
   * anchor must re-hash from its signed hash. On a mismatch it signs nothing, logs an error once
   * and keeps the refusal for {@link #problem}.
   *
   * @return the anchor made, if one was due
   * @throws dev.pncpki.ca.keys.KeyBackendException if the key backend cannot sign
   */
  public Optional<AuditAnchor> anchorIfDue() {
    Optional<AuditAnchorDao.Head> head = jdbi.withExtension(AuditAnchorDao.class, d -> d.head());
    if (head.isEmpty()) {
      return Optional.empty();
    }
    Optional<AuditAnchor> latest = latest();
    if (!schedule.due(head.get().id(), latest, clock.instant())) {
      return Optional.empty();
    }
    AuditLog.Walk tail =
        jdbi.inTransaction(
            h ->
                latest.isPresent()
                    ? AuditLog.walkFromAnchor(h, latest.get().eventId(), latest.get().headHash())
                    : AuditLog.walkFromGenesis(h));
    Optional<String> refusal = refusal(latest, tail);
    if (refusal.isPresent()) {
      refuse(refusal.get());
      return Optional.empty();
    }
    refused.set(null);
    AuditAnchor anchor = key().sign(tail.lastId(), tail.lastHash(), clock.instant());
    jdbi.useExtension(AuditAnchorDao.class, d -> d.insert(row(anchor)));
    madeHere.set(anchor);
    LOG.info(
        "audit chain head signed: event {}, hash {}, at {}",
        anchor.eventId(),
        HexFormat.of().formatHex(anchor.headHash()),
        anchor.signedAt());
    return Optional.of(anchor);
  }

  private Optional<String> refusal(Optional<AuditAnchor> latest, AuditLog.Walk tail) {
    AuditAnchor mine = madeHere.get();
    if (mine != null
        && !jdbi.withExtension(
            AuditAnchorDao.class, d -> d.stored(mine.eventId(), mine.signature()))) {
      return Optional.of(
          "the anchor of event %d this instance signed at %s is gone"
              .formatted(mine.eventId(), mine.signedAt()));
    }
    if (latest.isPresent() && !key().verifies(latest.get())) {
      return Optional.of(
          "the newest anchor (event %d) does not verify".formatted(latest.get().eventId()));
    }
    return tail.firstProblem();
  }

  private void refuse(String reason) {
    String problem = "anchoring refused, the head was not signed: " + reason;
    if (!problem.equals(refused.getAndSet(problem))) {
      LOG.error("audit chain head not signed: {}", reason);
    }
  }

  /** The newest stored anchor. */
  public Optional<AuditAnchor> latest() {
    return jdbi.withExtension(AuditAnchorDao.class, d -> d.latest()).map(AuditAnchoring::anchor);
  }

  /**
   * The first thing wrong with the anchors, judged now; for a chain whose links and hashes were
   * verified already. Every stored anchor's signature is checked, and a refusal of this instance to
   * sign the head counts as a problem.
   *
   * @throws dev.pncpki.ca.keys.KeyBackendException if the key backend cannot be asked for its key
   */
  public Optional<String> problem() {
    AnchorKey k = key();
    Optional<String> found =
        jdbi.inTransaction(
            h -> {
              AuditAnchorDao d = h.attach(AuditAnchorDao.class);
              Optional<AuditAnchor> latest = d.latest().map(AuditAnchoring::anchor);
              Optional<AuditAnchor> broken = d.firstBroken().map(AuditAnchoring::anchor);
              Optional<AuditAnchor> unverified;
              try (var all = d.all()) {
                unverified =
                    all.map(AuditAnchoring::anchor).filter(a -> !k.verifies(a)).findFirst();
              }
              AuditAnchor mine = madeHere.get();
              var evidence =
                  new AnchorSchedule.Evidence(
                      latest,
                      unverified,
                      broken,
                      broken.map(a -> d.eventExists(a.eventId())).orElse(false),
                      Optional.ofNullable(mine),
                      mine != null && d.stored(mine.eventId(), mine.signature()),
                      d.oldestAfter(latest.map(AuditAnchor::eventId).orElse(0L)));
              return schedule.problem(evidence, clock.instant());
            });
    return found.or(() -> Optional.ofNullable(refused.get()));
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
