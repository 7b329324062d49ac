package dev.pncpki.policies.profile;

import java.util.List;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/**
 * subjectAltName dNSName equal to the CN. TLS clients match host names against the SAN only (RFC
 * 6125), so a CSMS server certificate without it fails hostname verification.
 */
public record SubjectAltNameRule(Clause source) implements CertificateRule {

  @Override
  public String name() {
    return "subject-alt-name";
  }

  @Override
  public String describe() {
    return "subjectAltName dNSName = CN";
  }

  @Override
  public void contribute(TemplateRequest request, TemplateDraft draft, List<Violation> out) {
    String host = request.subject().commonName();
    draft.addExtension(
        Extension.subjectAlternativeName,
        false,
        new GeneralNames(new GeneralName(GeneralName.dNSName, host)));
  }

  @Override
  public void check(CertificateView cert, List<Violation> out) {
    var ext = cert.extension(Extension.subjectAlternativeName);
    List<String> cns = SubjectRule.values(cert.holder().getSubject(), BCStyle.CN);
    if (ext.isEmpty()) {
      out.add(violation("subjectAltName is missing"));
      return;
    }
    boolean match = false;
    for (GeneralName n : GeneralNames.getInstance(ext.get().getParsedValue()).getNames()) {
      if (n.getTagNo() == GeneralName.dNSName && cns.contains(n.getName().toString())) {
        match = true;
      }
    }
    if (!match) {
      out.add(violation("subjectAltName has no dNSName equal to the CN"));
    }
  }
}
