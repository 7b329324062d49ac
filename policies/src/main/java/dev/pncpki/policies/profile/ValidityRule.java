package dev.pncpki.policies.profile;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The validity period is not empty and not longer than the profile's cap. */
public record ValidityRule(Duration max, Clause source) implements CertificateRule {

  @Override
  public String name() {
    return "validity";
  }

  @Override
  public String describe() {
    return "at most " + max.toDays() + " days";
  }

  @Override
  public void contribute(TemplateRequest request, TemplateDraft draft, List<Violation> out) {
    checkPeriod(request.notBefore(), request.notAfter(), out);
  }

  @Override
  public void check(CertificateView cert, List<Violation> out) {
    checkPeriod(
        cert.holder().getNotBefore().toInstant(), cert.holder().getNotAfter().toInstant(), out);
  }

  private void checkPeriod(Instant notBefore, Instant notAfter, List<Violation> out) {
    if (!notAfter.isAfter(notBefore)) {
      out.add(violation("notAfter " + notAfter + " is not after notBefore " + notBefore));
      return;
    }
    Duration period = Duration.between(notBefore, notAfter);
    if (period.compareTo(max) > 0) {
      out.add(
          violation(
              "validity of "
                  + period.toDays()
                  + " days exceeds the cap of "
                  + max.toDays()
                  + " days"));
    }
  }
}
