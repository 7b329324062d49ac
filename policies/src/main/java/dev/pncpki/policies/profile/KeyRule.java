package dev.pncpki.policies.profile;

import java.util.List;

/** Subject key and signature use the suite's algorithm (-2: P-256 and ecdsa-with-SHA256). */
public record KeyRule(KeyAlgorithm algorithm, Clause source) implements CertificateRule {

  @Override
  public String name() {
    return "key-algorithm";
  }

  @Override
  public String describe() {
    return "subject key on "
        + algorithm.curveName()
        + ", signed with "
        + algorithm.signatureAlgorithm().getAlgorithm();
  }

  @Override
  public void contribute(TemplateRequest request, TemplateDraft draft, List<Violation> out) {
    if (!algorithm.isKeyOf(request.subjectKey())) {
      out.add(
          violation("subject key is " + describeKey(request) + ", not " + algorithm.curveName()));
    }
    draft.signatureAlgorithm(algorithm.signatureAlgorithm());
  }

  @Override
  public void check(CertificateView cert, List<Violation> out) {
    var holder = cert.holder();
    if (!algorithm.isKeyOf(holder.getSubjectPublicKeyInfo())) {
      out.add(
          violation(
              "subject key is "
                  + KeyAlgorithm.of(holder.getSubjectPublicKeyInfo())
                      .map(KeyAlgorithm::curveName)
                      .orElse(
                          holder.getSubjectPublicKeyInfo().getAlgorithm().getAlgorithm().getId())
                  + ", not "
                  + algorithm.curveName()));
    }
    if (!algorithm.isSignatureOf(holder.getSignatureAlgorithm())) {
      out.add(
          violation(
              "signature algorithm is "
                  + holder.getSignatureAlgorithm().getAlgorithm()
                  + ", not "
                  + algorithm.signatureAlgorithm().getAlgorithm()));
    }
  }

  private static String describeKey(TemplateRequest request) {
    return KeyAlgorithm.of(request.subjectKey())
        .map(KeyAlgorithm::curveName)
        .orElse(request.subjectKey().getAlgorithm().getAlgorithm().getId());
  }
}
