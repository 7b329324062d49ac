package dev.pncpki.ca.audit;

import java.util.Optional;

/**
 * Checks the audit log as a whole: the hash chain's links and hashes (an edited event), then the
 * signed anchors (a cut tail, a chain rewritten with recomputed hashes, removed anchors).
 */
public final class AuditVerification {
  private final AuditLog log;
  private final AuditAnchoring anchoring;

  public AuditVerification(AuditLog log, AuditAnchoring anchoring) {
    this.log = log;
    this.anchoring = anchoring;
  }

  /** What a verification found, and the newest signed head for an operator to keep elsewhere. */
  public record Result(long events, Optional<String> firstProblem, Optional<AuditAnchor> anchor) {
    public boolean intact() {
      return firstProblem.isEmpty();
    }
  }

  public Result verify() {
    AuditLog.Verification chain = log.verify();
    Optional<String> problem =
        chain.firstProblem().isPresent() ? chain.firstProblem() : anchoring.problem();
    return new Result(chain.events(), problem, anchoring.latest());
  }
}
