package dev.pncpki.policies.profile;

import java.util.List;

/**
 * One rule of a certificate profile. The same rule both shapes a new certificate (its template) and
 * checks a finished one, so issuance and validation can never drift apart.
 */
public sealed interface CertificateRule
    permits KeyRule,
        SerialNumberRule,
        ValidityRule,
        SubjectRule,
        DomainComponentRule,
        SubjectAltNameRule,
        BasicConstraintsRule,
        KeyUsageRule,
        ExtendedKeyUsageRule,
        KeyIdentifierRule,
        OcspAccessRule,
        CrlDistributionRule,
        OcspNoCheckRule,
        EncodedSizeRule {

  /** Short name used in violation reports and docs/profiles.md. */
  String name();

  /** The clause this rule comes from. */
  Clause source();

  /** Human-readable statement of the rule, for docs and reports. */
  String describe();

  /** Adds what this rule asks for; reports request values the rule forbids. */
  void contribute(TemplateRequest request, TemplateDraft draft, List<Violation> violations);

  /** Reports how a finished certificate breaks this rule. */
  void check(CertificateView certificate, List<Violation> violations);

  default Violation violation(String detail) {
    return new Violation(name(), source(), detail);
  }
}
