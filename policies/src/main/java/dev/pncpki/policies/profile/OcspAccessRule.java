package dev.pncpki.policies.profile;

import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;

/**
 * authorityInfoAccess with an id-ad-ocsp URI. OCPP makes the responder URL mandatory for every
 * certificate whose status a station queries (2.0.1 M06), so Sub-CAs and leaves carry it; roots and
 * delegated OCSP signers do not.
 */
public record OcspAccessRule(Presence presence, Clause source) implements CertificateRule {

  @Override
  public String name() {
    return "ocsp-access";
  }

  @Override
  public String describe() {
    return "authorityInfoAccess OCSP URI " + presence.name().toLowerCase(java.util.Locale.ROOT);
  }

  @Override
  public void contribute(TemplateRequest request, TemplateDraft draft, List<Violation> out) {
    if (presence == Presence.ABSENT) {
      return;
    }
    if (request.ocspUrl().isEmpty()) {
      if (presence == Presence.REQUIRED) {
        out.add(violation("an OCSP responder URL is required"));
      }
      return;
    }
    var uri =
        new GeneralName(GeneralName.uniformResourceIdentifier, request.ocspUrl().get().toString());
    draft.addExtension(
        Extension.authorityInfoAccess,
        false,
        new AuthorityInformationAccess(new AccessDescription(AccessDescription.id_ad_ocsp, uri)));
  }

  @Override
  public void check(CertificateView cert, List<Violation> out) {
    Optional<String> url = ocspUrl(cert);
    if (presence == Presence.REQUIRED && url.isEmpty()) {
      out.add(violation("authorityInfoAccess has no OCSP URI"));
    } else if (presence == Presence.ABSENT && url.isPresent()) {
      out.add(violation("an OCSP URI is not allowed here"));
    }
  }

  /** The first id-ad-ocsp URI of a certificate, if any. */
  public static Optional<String> ocspUrl(CertificateView cert) {
    return cert.extension(Extension.authorityInfoAccess)
        .map(e -> AuthorityInformationAccess.getInstance(e.getParsedValue()))
        .flatMap(
            aia -> {
              for (AccessDescription d : aia.getAccessDescriptions()) {
                if (d.getAccessMethod().equals(AccessDescription.id_ad_ocsp)
                    && d.getAccessLocation().getTagNo() == GeneralName.uniformResourceIdentifier) {
                  return Optional.of(d.getAccessLocation().getName().toString());
                }
              }
              return Optional.empty();
            });
  }
}
