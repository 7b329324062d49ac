package dev.pncpki.policies.profile;

import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.bc.BcX509ExtensionUtils;

/**
 * subjectKeyIdentifier and authorityKeyIdentifier, both non-critical (RFC 5280 4.2.1.1/4.2.1.2).
 * New identifiers use RFC 5280 method (2), the 8-byte truncated SHA-1, which matches the 8-byte
 * identifiers of deployed V2G PKIs and the 16-hex-character SKI of the -20 contract-key AAD.
 */
public record KeyIdentifierRule(Clause source) implements CertificateRule {

  private static final BcX509ExtensionUtils UTILS = new BcX509ExtensionUtils();

  /** The subject key identifier this rule puts in a certificate for {@code key}. */
  public static byte[] keyIdentifier(SubjectPublicKeyInfo key) {
    return UTILS.createTruncatedSubjectKeyIdentifier(key).getKeyIdentifier();
  }

  @Override
  public String name() {
    return "key-identifiers";
  }

  @Override
  public String describe() {
    return "SKI (RFC 5280 method 2, 8 bytes) and AKI keyIdentifier, non-critical";
  }

  @Override
  public void contribute(TemplateRequest request, TemplateDraft draft, List<Violation> out) {
    byte[] ski = keyIdentifier(request.subjectKey());
    byte[] aki = request.issuer().map(IssuerRef::keyIdentifier).orElse(ski);
    draft.addExtension(Extension.subjectKeyIdentifier, false, new SubjectKeyIdentifier(ski));
    draft.addExtension(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(aki));
  }

  @Override
  public void check(CertificateView cert, List<Violation> out) {
    var holder = cert.holder();
    Extension ski = holder.getExtension(Extension.subjectKeyIdentifier);
    Extension aki = holder.getExtension(Extension.authorityKeyIdentifier);
    if (ski == null) {
      out.add(violation("subjectKeyIdentifier is missing"));
    } else if (ski.isCritical()) {
      out.add(violation("subjectKeyIdentifier must not be critical"));
    }
    if (aki == null) {
      out.add(violation("authorityKeyIdentifier is missing"));
      return;
    }
    if (aki.isCritical()) {
      out.add(violation("authorityKeyIdentifier must not be critical"));
    }
    if (AuthorityKeyIdentifier.getInstance(aki.getParsedValue()).getKeyIdentifierObject() == null) {
      out.add(violation("authorityKeyIdentifier has no keyIdentifier"));
    }
    if (ski != null
        && holder.getSubject().equals(holder.getIssuer())
        && !Arrays.equals(
            SubjectKeyIdentifier.getInstance(ski.getParsedValue()).getKeyIdentifier(),
            AuthorityKeyIdentifier.getInstance(aki.getParsedValue()).getKeyIdentifierOctets())) {
      out.add(violation("self-signed certificate's AKI differs from its SKI"));
    }
  }
}
