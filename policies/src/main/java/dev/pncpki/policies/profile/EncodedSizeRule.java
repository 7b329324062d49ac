package dev.pncpki.policies.profile;

import java.util.List;

/** The DER encoding fits the V2G message field (800 bytes in -2, 1600 in -20). */
public record EncodedSizeRule(int maxBytes, Clause source) implements CertificateRule {

  @Override
  public String name() {
    return "encoded-size";
  }

  @Override
  public String describe() {
    return "DER encoding at most " + maxBytes + " bytes";
  }

  @Override
  public void contribute(TemplateRequest request, TemplateDraft draft, List<Violation> out) {
    // Only a finished certificate has a size; check() applies.
  }

  @Override
  public void check(CertificateView cert, List<Violation> out) {
    if (cert.encodedLength() > maxBytes) {
      out.add(violation("DER encoding is " + cert.encodedLength() + " bytes, above " + maxBytes));
    }
  }
}
