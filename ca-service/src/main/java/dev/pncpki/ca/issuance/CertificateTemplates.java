package dev.pncpki.ca.issuance;

import dev.pncpki.ca.refusal.Refusal;
import dev.pncpki.ca.refusal.RefusedException;
import dev.pncpki.policies.profile.CertificateProfile;
import dev.pncpki.policies.profile.CertificateTemplate;
import dev.pncpki.policies.profile.IssuerRef;
import dev.pncpki.policies.profile.ProfileCatalog;
import dev.pncpki.policies.profile.ProfileId;
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
      Instant notBefore,
      Instant notAfter) {
    try {
      return profile.template(
          new TemplateRequest(
              subject.fields(),
              subject.publicKey(),
              Optional.of(IssuerRef.of(issuer.certificate())),
              serial,
              notBefore,
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

  /**
   * How much earlier than the moment of issuance a station's certificate starts: OCPP 2.0.1 Edition
   * 3 (errata 2025) has the CSMS not issue a station certificate whose notBefore is the current
   * time, since the station's clock may be behind the CA's and a certificate "not yet valid" would
   * be refused by the station or by the TLS peer it presents it to.
   */
  static final Duration STATION_BACKDATE = Duration.ofHours(1);

  /**
   * The notBefore of a certificate issued at {@code now}: for the certificates a charging station
   * holds (its client certificate and its SECC certificate) {@link #STATION_BACKDATE} earlier, but
   * never before the issuer's own notBefore (validity nesting); for the others {@code now}.
   */
  static Instant notBefore(CertificateProfile profile, Hierarchy.Authority issuer, Instant now) {
    if (profile.id() != ProfileId.CHARGING_STATION_CLIENT && profile.id() != ProfileId.SECC_LEAF) {
      return now;
    }
    Instant back = now.minus(STATION_BACKDATE);
    Instant issuerStart = issuer.certificate().getNotBefore().toInstant();
    if (!back.isBefore(issuerStart)) {
      return back;
    }
    return issuerStart.isAfter(now) ? now : issuerStart;
  }

  /** The notAfter of a certificate that starts at {@code notBefore}. */
  static Instant notAfter(
      CertificateProfile profile,
      Hierarchy.Authority issuer,
      Optional<Integer> days,
      Instant notBefore) {
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
    Instant end = notBefore.plus(wanted);
    Instant issuerEnd = issuer.notAfter();
    return end.isAfter(issuerEnd) ? issuerEnd : end;
  }
}
