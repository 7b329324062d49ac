package dev.pncpki.policies.profile;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * What one kind of certificate must look like in one PKI generation, as an ordered list of rules
 * that each name their source. Builds templates and checks finished certificates with the same
 * rules.
 */
public record CertificateProfile(ProfileId id, Suite suite, List<CertificateRule> rules) {

  public CertificateProfile {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(suite, "suite");
    rules = List.copyOf(rules);
  }

  /** "secc-leaf" for ISO 15118-2, "secc-leaf@iso15118-20-p521" for the other suites. */
  public String label() {
    return suite == Suite.ISO15118_2 ? id.label() : id.label() + "@" + suite.label();
  }

  public KeyAlgorithm keyAlgorithm() {
    return suite.keyAlgorithm();
  }

  /** Whether a certificate of this profile may certify {@code key} (see {@link KeyRule}). */
  public boolean acceptsSubjectKey(org.bouncycastle.asn1.x509.SubjectPublicKeyInfo key) {
    return rule(KeyRule.class).accepts(key);
  }

  public Duration maxValidity() {
    return rule(ValidityRule.class).max();
  }

  public int maxEncodedBytes() {
    return rule(EncodedSizeRule.class).maxBytes();
  }

  public <T extends CertificateRule> T rule(Class<T> type) {
    return rules.stream()
        .filter(type::isInstance)
        .map(type::cast)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException(label() + " has no " + type.getSimpleName()));
  }

  /**
   * Builds the unsigned certificate for {@code request}.
   *
   * @throws ProfileViolationException listing every rule the request breaks
   */
  public CertificateTemplate template(TemplateRequest request) {
    var draft = new TemplateDraft();
    List<Violation> violations = new ArrayList<>();
    for (CertificateRule rule : rules) {
      rule.contribute(request, draft, violations);
    }
    if (!violations.isEmpty()) {
      throw new ProfileViolationException(label(), violations);
    }
    X500Name subject = new X500Name(draft.subjectRdns());
    X500Name issuer = request.issuer().map(IssuerRef::name).orElse(subject);
    return new CertificateTemplate(
        this,
        issuer,
        request.serialNumber(),
        request.notBefore(),
        request.notAfter(),
        subject,
        request.subjectKey(),
        draft.extensions(),
        draft.signatureAlgorithm());
  }

  public List<Violation> violations(X509Certificate certificate) {
    return violations(CertificateView.of(certificate));
  }

  public List<Violation> violations(X509CertificateHolder certificate) {
    return violations(CertificateView.of(certificate));
  }

  public List<Violation> violations(CertificateView certificate) {
    List<Violation> out = new ArrayList<>();
    for (CertificateRule rule : rules) {
      rule.check(certificate, out);
    }
    return List.copyOf(out);
  }
}
