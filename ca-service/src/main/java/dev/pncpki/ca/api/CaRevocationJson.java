package dev.pncpki.ca.api;

import dev.pncpki.ca.issuance.AuthorityRevocation;
import dev.pncpki.ca.issuance.ProfileCount;
import dev.pncpki.ca.revocation.RevocationReason;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answer to a CA's revocation: its certificate as now revoked, and how many valid certificates
 * of each profile chain through it, which {@code affected} lists.
 */
public record CaRevocationJson(
    String ca,
    String issuer,
    String serial,
    Instant revokedAt,
    String reason,
    Map<String, Long> validBelow,
    String affected,
    CertificateJson certificate) {

  public static CaRevocationJson of(AuthorityRevocation.Revoked r) {
    var c = r.certificate();
    return new CaRevocationJson(
        r.caId(),
        c.issuerId(),
        c.serial(),
        c.revokedAt(),
        RevocationReason.ofCode(c.revocationReason()).rfcName(),
        counts(r.validBelow()),
        "/v1/cas/" + r.caId() + "/affected?status=valid",
        CertificateJson.of(c));
  }

  static Map<String, Long> counts(java.util.List<ProfileCount> counts) {
    Map<String, Long> map = new LinkedHashMap<>();
    counts.forEach(c -> map.put(c.profile(), c.count()));
    return map;
  }
}
