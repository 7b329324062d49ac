package dev.pncpki.policies.profile;

import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/** cRLDistributionPoints with one full-name URI (RFC 5280 4.2.1.13), where the CA publishes. */
public record CrlDistributionRule(Presence presence, Clause source) implements CertificateRule {

  @Override
  public String name() {
    return "crl-distribution-point";
  }

  @Override
  public String describe() {
    return "cRLDistributionPoints URI " + presence.name().toLowerCase(java.util.Locale.ROOT);
  }

  @Override
  public void contribute(TemplateRequest request, TemplateDraft draft, List<Violation> out) {
    if (presence == Presence.ABSENT) {
      return;
    }
    if (request.crlUrl().isEmpty()) {
      if (presence == Presence.REQUIRED) {
        out.add(violation("a CRL distribution point URL is required"));
      }
      return;
    }
    var name =
        new GeneralNames(
            new GeneralName(
                GeneralName.uniformResourceIdentifier, request.crlUrl().get().toString()));
    var point = new DistributionPoint(new DistributionPointName(name), null, null);
    draft.addExtension(
        Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {point}));
  }

  @Override
  public void check(CertificateView cert, List<Violation> out) {
    Optional<String> url = crlUrl(cert);
    if (presence == Presence.REQUIRED && url.isEmpty()) {
      out.add(violation("cRLDistributionPoints has no URI"));
    } else if (presence == Presence.ABSENT && url.isPresent()) {
      out.add(violation("a CRL distribution point is not allowed here"));
    }
  }

  /** The first full-name URI of the certificate's CRL distribution points, if any. */
  public static Optional<String> crlUrl(CertificateView cert) {
    return cert.extension(Extension.cRLDistributionPoints)
        .map(e -> CRLDistPoint.getInstance(e.getParsedValue()))
        .flatMap(
            points -> {
              for (DistributionPoint p : points.getDistributionPoints()) {
                DistributionPointName dpn = p.getDistributionPoint();
                if (dpn != null && dpn.getType() == DistributionPointName.FULL_NAME) {
                  for (GeneralName n : GeneralNames.getInstance(dpn.getName()).getNames()) {
                    if (n.getTagNo() == GeneralName.uniformResourceIdentifier) {
                      return Optional.of(n.getName().toString());
                    }
                  }
                }
              }
              return Optional.empty();
            });
  }
}
