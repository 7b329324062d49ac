package dev.pncpki.ca.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * When the audit chain's head is signed, and so how old the newest anchor and the oldest unsigned
 * event may be before a verification reports that anchoring stopped or anchors were removed.
 *
 * <p>A head that moved is signed within {@code interval}; an unmoved head is signed again every
 * {@code heartbeat}, so that the newest anchor of a running service is never older than that.
 * Whoever deletes the newest events together with their anchors leaves an older anchor behind; a
 * verification notices it once that anchor is older than the heartbeat allows. Events younger than
 * {@code interval} are not yet covered by a signature; that is the window in which a deleted tail
 * can go unseen, unless the instance that signed the newest anchor is the one verifying.
 *
 * @param interval how soon a moved head is signed (default 10 s)
 * @param heartbeat how often an unmoved head is signed again (default 5 min)
 */
public record AnchorSchedule(Duration interval, Duration heartbeat) {
  /** Slack for a slow key backend, a busy database and clocks of instances a little apart. */
  static final Duration GRACE = Duration.ofSeconds(30);

  public AnchorSchedule {
    if (interval.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new IllegalArgumentException("audit anchor interval must be at least 1 s");
    }
    if (heartbeat.compareTo(interval) < 0) {
      throw new IllegalArgumentException(
          "audit anchor heartbeat must not be shorter than interval");
    }
  }

  public static AnchorSchedule defaults() {
    return new AnchorSchedule(Duration.ofSeconds(10), Duration.ofMinutes(5));
  }

  /** Whether the head {@code headId} needs a new anchor, given the newest one. */
  boolean due(long headId, Optional<AuditAnchor> latest, Instant now) {
    return latest
        .map(a -> a.eventId() != headId || !a.signedAt().plus(heartbeat).isAfter(now))
        .orElse(true);
  }

  /** What the anchors show; see {@link #problem}. */
  record Evidence(
      Optional<AuditAnchor> latest,
      Optional<AuditAnchor> firstUnverified,
      Optional<AuditAnchor> firstBroken,
      boolean firstBrokenEventExists,
      Optional<AuditAnchor> madeHere,
      boolean madeHereStored,
      Optional<Instant> oldestUnanchored) {}

  /** The first thing wrong with the anchors at {@code now}, in words for an operator. */
  Optional<String> problem(Evidence e, Instant now) {
    if (e.firstBroken().isPresent()) {
      AuditAnchor a = e.firstBroken().get();
      return Optional.of(
          e.firstBrokenEventExists()
              ? "event %d differs from the head signed at %s: the chain was rewritten"
                  .formatted(a.eventId(), a.signedAt())
              : "event %d, signed as the head at %s, is missing: the log was cut"
                  .formatted(a.eventId(), a.signedAt()));
    }
    if (e.madeHere().isPresent() && !e.madeHereStored()) {
      AuditAnchor a = e.madeHere().get();
      return Optional.of(
          "the anchor of event %d this instance signed at %s is gone: anchors were removed"
              .formatted(a.eventId(), a.signedAt()));
    }
    if (e.firstUnverified().isPresent()) {
      AuditAnchor a = e.firstUnverified().get();
      return Optional.of(
          "the anchor of event %d (%s, key %s) does not verify with the key backend's key"
              .formatted(a.eventId(), a.signedAt(), a.keyReference()));
    }
    Instant staleBefore = now.minus(heartbeat).minus(interval.multipliedBy(2)).minus(GRACE);
    if (e.latest().isPresent() && e.latest().get().signedAt().isBefore(staleBefore)) {
      return Optional.of(
          "the newest anchor is from %s: anchoring stopped, or newer anchors were removed"
              .formatted(e.latest().get().signedAt()));
    }
    Instant unsignedBefore = now.minus(interval.multipliedBy(2)).minus(GRACE);
    if (e.oldestUnanchored().isPresent() && e.oldestUnanchored().get().isBefore(unsignedBefore)) {
      return Optional.of(
          "events from %s on are not covered by an anchor: anchoring stopped (is the key backend"
                  .formatted(e.oldestUnanchored().get())
              + " reachable?), or anchors were removed");
    }
    return Optional.empty();
  }
}
