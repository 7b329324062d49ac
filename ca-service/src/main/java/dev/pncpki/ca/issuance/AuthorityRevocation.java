package dev.pncpki.ca.issuance;

import dev.pncpki.ca.audit.AuditEvent;
import dev.pncpki.ca.auth.Caller;
import dev.pncpki.ca.refusal.Refusal;
import dev.pncpki.ca.refusal.RefusedException;
import dev.pncpki.ca.revocation.RevocationReason;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * An admin revokes a CA of the hierarchy (a Sub-CA, a delegated OCSP signer, a CPS leaf) by its id.
 * Its certificate row is revoked like any other (RFC 5280 5.3.1 reason, audited, NOTIFY to every
 * instance), so its issuer's OCSP answers revoked at once and the issuer's CRL lists it; from then
 * on the database refuses every issuance under it (V5's trigger), and the listing of what its chain
 * carries tells the operator what to replace (docs/operations.md, Sub-CA revocation).
 */
public final class AuthorityRevocation {
  private final CertificateStore store;
  private final Hierarchy hierarchy;
  private final CertificateRecords records;
  private final Clock clock;

  public AuthorityRevocation(
      CertificateStore store, Hierarchy hierarchy, CertificateRecords records, Clock clock) {
    this.store = store;
    this.hierarchy = hierarchy;
    this.records = records;
    this.clock = clock;
  }

  /** What a revocation did: the CA's row, and what was still valid below it at that moment. */
  public record Revoked(
      String caId, IssuedCertificate certificate, List<ProfileCount> validBelow) {}

  public Revoked revoke(Caller caller, String caId, RevocationReason reason) {
    Authorization.checkAdmin(caller, "revoke a CA");
    Hierarchy.Authority ca =
        hierarchy
            .find(caId)
            .orElseThrow(() -> new RefusedException(Refusal.NOT_FOUND, "no CA \"" + caId + "\""));
    if (ca.isRoot()) {
      throw rootNotRevocable(caId);
    }
    List<ProfileCount> below =
        store
            .revokeAuthority(
                caId,
                () -> records.revocation(caller, ca.rowIssuerId(), ca.serial(), reason),
                valid ->
                    new AuditEvent(
                        clock.instant().truncatedTo(ChronoUnit.MICROS),
                        caller.name(),
                        "revoke-ca",
                        caId,
                        "revoked",
                        reason.rfcName() + "; valid below: " + ProfileCount.describe(valid)))
            .orElseThrow(
                () ->
                    new RefusedException(
                        Refusal.ALREADY_REVOKED, "CA " + caId + " is revoked already"));
    records.revoked(ca.rowIssuerId(), ca.serial());
    return new Revoked(
        caId, records.get(caller, ca.serial(), java.util.Optional.of(ca.rowIssuerId())), below);
  }

  static RefusedException rootNotRevocable(String caId) {
    return new RefusedException(
        Refusal.ROOT_NOT_REVOCABLE,
        "root "
            + caId
            + " is a trust anchor (RFC 5280 6.1.1): relying parties drop it from their trust"
            + " stores instead, e.g. with a campaign that deletes the root");
  }
}
