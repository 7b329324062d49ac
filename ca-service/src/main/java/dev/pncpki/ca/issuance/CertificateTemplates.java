package dev.pncpki.ca.issuance;

import dev.pncpki.ca.refusal.Refusal;
import dev.pncpki.ca.refusal.RefusedException;
import dev.pncpki.policies.profile.CertificateProfile;
import dev.pncpki.policies.profile.CertificateTemplate;
import dev.pncpki.policies.profile.IssuerRef;
import dev.pncpki.policies.profile.ProfileCatalog;
import dev.pncpki.policies.profile.ProfileViolationException;
import dev.pncpki.policies.profile.TemplateRequest;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Steps 2 and 7 of docs/issuance.md: the profile a request names, and the template built from it,
 * with the validity capped by the profile and by the issuer's own notAfter. Refusals are problems
 * with their codes; nothing here writes.
 */
final class CertificateTemplates {
  private CertificateTemplates() {}

  /** A profile the API issues, by its label. */
  static CertificateProfile profile(String label) {
    if (label == null) {
      throw new RefusedException(Refusal.MALFORMED_REQUEST, "profile is missing");
    }
    try {
      CertificateProfile p = ProfileCatalog.byLabel(label);
      Hierarchy.issuingProfile(p.id());
      return p;
    } catch (IllegalArgumentException e) {
      throw new RefusedException(Refusal.UNKNOWN_PROFILE, e.getMessage());
    }
  }

  static CertificateTemplate template(
      CertificateProfile profile,
      CertificateAuthority.Subject subject,
      Hierarchy.Authority issuer,
      BigInteger serial,
      Instant now,
      Instant notAfter) {
    try {
      return profile.template(
          new TemplateRequest(
              subject.fields(),
              subject.publicKey(),
              Optional.of(IssuerRef.of(issuer.certificate())),
              serial,
              now,
              notAfter,
              Optional.of(issuer.ocspUrl()),
              Optional.of(issuer.crlUrl())));
    } catch (ProfileViolationException e) {
      throw new RefusedException(
          Refusal.PROFILE_VIOLATION,
          e.getMessage(),
          e.violations().stream().map(Object::toString).toList(),
          e);
    }
  }

  static Instant notAfter(
      CertificateProfile profile, Hierarchy.Authority issuer, Optional<Integer> days, Instant now) {
    Duration max = profile.maxValidity();
    Duration wanted = days.map(d -> Duration.ofDays(d)).orElse(max);
    if (wanted.isNegative() || wanted.isZero()) {
      throw new RefusedException(Refusal.MALFORMED_REQUEST, "validityDays must be positive");
    }
    if (wanted.compareTo(max) > 0) {
      throw new RefusedException(
          Refusal.PROFILE_VIOLATION,
          "validityDays "
              + wanted.toDays()
              + " exceeds the cap of "
              + max.toDays()
              + " days of "
              + profile.label());
    }
    Instant end = now.plus(wanted);
    Instant issuerEnd = issuer.notAfter();
    return end.isAfter(issuerEnd) ? issuerEnd : end;
  }
}
