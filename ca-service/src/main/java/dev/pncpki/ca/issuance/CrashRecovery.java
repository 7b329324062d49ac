package dev.pncpki.ca.issuance;

import dev.pncpki.ca.audit.AuditEvent;
import dev.pncpki.ca.audit.AuditLog;
import dev.pncpki.ca.store.CertificateDao;
import dev.pncpki.ca.store.InFlightDao;
import dev.pncpki.ca.store.InstanceLock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Resolves the issuances nobody will complete (docs/operations.md, "Crash recovery"): a pending row
 * whose instance is gone, or one of this instance that it no longer works on (its completion failed
 * for want of a database, say), becomes failed, with an audit event. Nobody received its
 * certificate (only an issued row is ever answered), so failing it is always right; a retry with
 * its idempotency key then meets that failure, and the contract recorded with it stops being
 * pending, which ends the {@code contract-busy} answers for its eMAID. The service runs this once
 * at start-up, before it serves, and then every few seconds for the rows of instances that die
 * while it runs.
 */
public final class CrashRecovery {
  /** Rows without an owner were written by a version without crash recovery; their age decides. */
  static final Duration UNOWNED_GRACE = Duration.ofMinutes(10);

  static final String ACTOR = "crash-recovery";

  private final Jdbi jdbi;
  private final InFlight inFlight;
  private final Clock clock;

  public CrashRecovery(Jdbi jdbi, InFlight inFlight, Clock clock) {
    this.jdbi = jdbi;
    this.inFlight = inFlight;
    this.clock = clock;
  }

  /** Fails and audits every abandoned issuance, in one transaction; returns those it failed. */
  public List<InFlightRow> run() {
    return jdbi.inTransaction(this::resolve);
  }

  private List<InFlightRow> resolve(Handle h) {
    List<InFlightRow> pending = h.attach(InFlightDao.class).pending();
    if (pending.isEmpty()) {
      return List.of();
    }
    Map<Integer, Boolean> alive = new HashMap<>();
    IntPredicate ownerAlive =
        owner -> alive.computeIfAbsent(owner, o -> InstanceLock.isAlive(h, o));
    Instant now = clock.instant();
    List<InFlightRow> failed = new ArrayList<>();
    for (InFlightRow row : abandoned(pending, inFlight, ownerAlive, now)) {
      String reason = reason(row, inFlight.owner());
      if (h.attach(CertificateDao.class).fail(row.issuerId(), row.serial(), reason) == 1) {
        AuditLog.append(h, event(row, reason, now));
        failed.add(row);
      }
    }
    return failed;
  }

  /**
   * The state machine's rule for a pending row (IssuanceState): it is abandoned unless this
   * instance is working on it, or its owner is another live instance, or, without an owner, it is
   * younger than {@link #UNOWNED_GRACE}. A row of this instance's own number that it is not working
   * on is abandoned: nothing would complete it.
   */
  static List<InFlightRow> abandoned(
      List<InFlightRow> pending, InFlight inFlight, IntPredicate ownerAlive, Instant now) {
    int me = inFlight.owner();
    List<InFlightRow> out = new ArrayList<>();
    for (InFlightRow row : pending) {
      if (inFlight.contains(row.issuerId(), row.serial())) {
        continue;
      }
      boolean abandoned =
          row.owner() == null
              ? row.createdAt().isBefore(now.minus(UNOWNED_GRACE))
              : row.owner() == me || !ownerAlive.test(row.owner());
      if (abandoned) {
        out.add(row);
      }
    }
    return out;
  }

  /** The failure stored in the row, which a retry with its idempotency key is told. */
  static String reason(InFlightRow row, int me) {
    if (row.owner() == null) {
      return "abandoned: the issuance never completed";
    }
    return row.owner() == me
        ? "abandoned: this CA instance gave up the issuance before it completed"
        : "abandoned: the CA instance issuing it ended before it completed";
  }

  static AuditEvent event(InFlightRow row, String reason, Instant now) {
    String detail = reason;
    if (row.emaid() != null) {
      detail +=
          "; contract "
              + row.emaid()
              + " for PCID "
              + row.pcid()
              + (row.replaces() == null ? "" : " (renewal of contract " + row.replaces() + ")")
              + " is failed";
    }
    return new AuditEvent(
        now.truncatedTo(ChronoUnit.MICROS), ACTOR, "issue", row.target(), "failed", detail);
  }
}
