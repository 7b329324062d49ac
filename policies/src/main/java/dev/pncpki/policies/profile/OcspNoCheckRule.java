package dev.pncpki.policies.profile;

import java.util.List;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.ocsp.OCSPObjectIdentifiers;

/**
 * id-pkix-ocsp-nocheck on a delegated OCSP signer (RFC 6960 4.2.2.2.1): clients need not check the
 * responder's own status, which is why its lifetime is kept short.
 */
public record OcspNoCheckRule(Clause source) implements CertificateRule {

  @Override
  public String name() {
    return "ocsp-nocheck";
  }

  @Override
  public String describe() {
    return "id-pkix-ocsp-nocheck present";
  }

  @Override
  public void contribute(TemplateRequest request, TemplateDraft draft, List<Violation> out) {
    draft.addExtension(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck, false, DERNull.INSTANCE);
  }

  @Override
  public void check(CertificateView cert, List<Violation> out) {
    if (cert.extension(OCSPObjectIdentifiers.id_pkix_ocsp_nocheck).isEmpty()) {
      out.add(violation("id-pkix-ocsp-nocheck is missing"));
    }
  }
}
