package dev.pncpki.ca.cli;

import dev.pncpki.ca.api.CertificateJson;
import dev.pncpki.ca.revocation.RevocationReason;
import java.util.List;

/** Certificates as the admin reads them: one as labelled lines, several as a table. */
final class CertificateText {
  private CertificateText() {}

  static String one(CertificateJson c) {
    Table t =
        Table.fields()
            .row("serial", c.serial())
            .row("issuer", c.issuer())
            .row("profile", c.profile())
            .row("status", c.status())
            .row("subject", c.subject())
            .row("not before", c.notBefore())
            .row("not after", c.notAfter());
    if (c.revokedAt() != null) {
      t.row("revoked at", c.revokedAt()).row("reason", reason(c.revocationReason()));
    }
    return t.render();
  }

  static String many(List<CertificateJson> certificates) {
    Table t = Table.withHeader("SERIAL", "ISSUER", "PROFILE", "STATUS", "NOT AFTER", "SUBJECT");
    certificates.forEach(
        c -> t.row(c.serial(), c.issuer(), c.profile(), c.status(), c.notAfter(), c.subject()));
    return t.render();
  }

  /** RFC 5280 5.3.1 name and code, e.g. "keyCompromise (1)". */
  static String reason(Integer code) {
    if (code == null) {
      return null;
    }
    try {
      return RevocationReason.ofCode(code).rfcName() + " (" + code + ")";
    } catch (IllegalArgumentException e) {
      return "code " + code;
    }
  }
}
