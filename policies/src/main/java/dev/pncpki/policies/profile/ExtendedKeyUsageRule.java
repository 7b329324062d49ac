package dev.pncpki.policies.profile;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;

/**
 * extendedKeyUsage: exactly the listed purposes, or absent when the list is empty. OCPP advises
 * against EKU in station certificates for ISO 15118 compatibility (A00.FR.514); the OCSP signer
 * needs id-kp-OCSPSigning (RFC 6960 4.2.2.2).
 */
public record ExtendedKeyUsageRule(List<KeyPurposeId> purposes, Clause source)
    implements CertificateRule {

  public ExtendedKeyUsageRule {
    purposes = List.copyOf(purposes);
  }

  @Override
  public String name() {
    return "extended-key-usage";
  }

  @Override
  public String describe() {
    return purposes.isEmpty() ? "absent" : "exactly " + ids(purposes);
  }

  @Override
  public void contribute(TemplateRequest request, TemplateDraft draft, List<Violation> out) {
    if (!purposes.isEmpty()) {
      draft.addExtension(
          Extension.extendedKeyUsage,
          false,
          new ExtendedKeyUsage(purposes.toArray(KeyPurposeId[]::new)));
    }
  }

  @Override
  public void check(CertificateView cert, List<Violation> out) {
    Extension ext = cert.holder().getExtension(Extension.extendedKeyUsage);
    if (ext == null) {
      if (!purposes.isEmpty()) {
        out.add(violation("extendedKeyUsage is missing; must be " + ids(purposes)));
      }
      return;
    }
    if (purposes.isEmpty()) {
      out.add(violation("extendedKeyUsage must be absent"));
      return;
    }
    List<KeyPurposeId> actual =
        List.of(ExtendedKeyUsage.getInstance(ext.getParsedValue()).getUsages());
    if (!Set.copyOf(actual).equals(Set.copyOf(purposes))) {
      out.add(violation("extendedKeyUsage is " + ids(actual) + ", must be " + ids(purposes)));
    }
  }

  private static String ids(List<KeyPurposeId> ids) {
    return ids.stream().map(KeyPurposeId::getId).collect(Collectors.joining(", "));
  }
}
