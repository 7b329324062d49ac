package dev.pncpki.ca.ceremony;

import dev.pncpki.ca.keys.KeyName;
import dev.pncpki.policies.profile.CertificateProfile;
import dev.pncpki.policies.profile.SubjectFields;
import java.util.Optional;

/** One certificate of the hierarchy, validated: its profile is known and its issuer precedes it. */
public record CertificateSpec(
    String id,
    CertificateProfile profile,
    Optional<String> issuer,
    SubjectFields subject,
    int validityDays) {

  /** Keys are named after the certificate; the Vault ACL policy signs only with "pnc-" keys. */
  public KeyName keyName() {
    return new KeyName("pnc-" + id);
  }

  public boolean isRoot() {
    return issuer.isEmpty();
  }
}
