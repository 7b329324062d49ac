package dev.pncpki.ca.api;

import dev.pncpki.ca.issuance.AffectedCertificates;
import dev.pncpki.ca.issuance.AffectedRow;
import dev.pncpki.ca.revocation.RevocationReason;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One page of the certificates whose chains run through a CA, with the CA's own status and the
 * count of valid certificates below it; {@code next} is the {@code after} of the next page.
 */
public record AffectedJson(
    String ca,
    String status,
    Instant revokedAt,
    String revocationReason,
    Map<String, Long> validBelow,
    List<Entry> certificates,
    String next) {

  /**
   * One certificate: {@code path} runs from its issuer up to the CA; {@code authority} is its id
   * when it is itself a certificate of the hierarchy; {@code emaid} and {@code pcid} are a
   * contract's; {@code requester} is who asked for it (the OCPP bridge for station certificates).
   */
  public record Entry(
      String issuer,
      String serial,
      String profile,
      String subjectCn,
      String status,
      Instant notAfter,
      Instant revokedAt,
      String revocationReason,
      List<String> path,
      String authority,
      String requester,
      String emaid,
      String pcid) {}

  public static AffectedJson of(AffectedCertificates.Page page) {
    var ca = page.ca();
    return new AffectedJson(
        page.caId(),
        status(ca.revokedAt(), ca.notAfter()),
        ca.revokedAt(),
        reason(ca.revocationReason()),
        CaRevocationJson.counts(page.validBelow()),
        page.certificates().stream().map(a -> entry(a.row(), a.path())).toList(),
        page.next().orElse(null));
  }

  private static Entry entry(AffectedRow r, List<String> path) {
    return new Entry(
        r.issuerId(),
        r.serial(),
        r.profile(),
        r.subjectCn(),
        status(r.revokedAt(), r.notAfter()),
        r.notAfter(),
        r.revokedAt(),
        reason(r.revocationReason()),
        path,
        r.authorityId(),
        r.requester(),
        r.emaid(),
        r.pcid());
  }

  private static String status(Instant revokedAt, Instant notAfter) {
    return revokedAt != null ? "revoked" : notAfter.isBefore(Instant.now()) ? "expired" : "valid";
  }

  private static String reason(Short code) {
    return code == null ? null : RevocationReason.ofCode(code).rfcName();
  }
}
