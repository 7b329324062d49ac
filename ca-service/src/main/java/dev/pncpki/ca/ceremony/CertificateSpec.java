package dev.pncpki.ca.ceremony;

import dev.pncpki.ca.keys.KeyName;
import dev.pncpki.policies.profile.CertificateProfile;
import dev.pncpki.policies.profile.SubjectFields;
import java.util.Optional;

/**
 * One certificate of the hierarchy, validated: its profile is known and its issuer precedes it. An
 * {@code external} Sub-CA is signed by a root operator outside this CA: the ceremony makes its key
 * and a PKCS#10 request for it (docs/operations.md, Sub-CAs under an external root).
 */
public record CertificateSpec(
    String id,
    CertificateProfile profile,
    Optional<String> issuer,
    SubjectFields subject,
    int validityDays,
    boolean external) {

  /** A certificate this CA signs itself. */
  public CertificateSpec(
      String id,
      CertificateProfile profile,
      Optional<String> issuer,
      SubjectFields subject,
      int validityDays) {
    this(id, profile, issuer, subject, validityDays, false);
  }

  /** Keys are named after the certificate; the Vault ACL policy signs only with "pnc-" keys. */
  public KeyName keyName() {
    return new KeyName("pnc-" + id);
  }

  public boolean isRoot() {
    return issuer.isEmpty();
  }
}
