package dev.pncpki.ca.ceremony;

import dev.pncpki.ca.keys.BackendContentSigner;
import dev.pncpki.ca.keys.KeyBackend;
import dev.pncpki.ca.keys.KeyHandle;
import dev.pncpki.ca.keys.SignatureVerifiers;
import dev.pncpki.policies.profile.CertificateTemplate;
import dev.pncpki.policies.profile.IssuerRef;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;
import org.bouncycastle.pkcs.PKCSException;

/**
 * The PKCS#10 request (RFC 2986) for a Sub-CA that an external root operator signs: the subject the
 * profile gives the Sub-CA, its key from the key backend, and as requested extensions (RFC 2985
 * extensionRequest) those the profile sets that are the Sub-CA's own: basicConstraints, keyUsage,
 * subjectKeyIdentifier, certificatePolicies. The issuer's key identifier and revocation pointers
 * are the root operator's to set. Signed by the backend key (proof of possession), and checked.
 */
final class ExternalRequest {
  private static final Set<ASN1ObjectIdentifier> OWN =
      Set.of(
          Extension.basicConstraints,
          Extension.keyUsage,
          Extension.subjectKeyIdentifier,
          Extension.certificatePolicies);

  private ExternalRequest() {}

  /** The issuer a dry run and the request's template assume: the root operator, unknown here. */
  static IssuerRef placeholderIssuer() {
    return new IssuerRef(new X500Name("CN=external root operator,O=external,DC=V2G"), new byte[8]);
  }

  static PKCS10CertificationRequest build(
      CeremonyPlan plan, CertificateSpec spec, KeyBackend backend, KeyHandle key, Instant now) {
    var request =
        Ceremony.request(
            plan, spec, key.publicKey(), Optional.of(placeholderIssuer()), BigInteger.ONE, now);
    CertificateTemplate template = spec.profile().template(request);
    List<Extension> own =
        template.extensions().stream().filter(e -> OWN.contains(e.getExtnId())).toList();
    var builder =
        new PKCS10CertificationRequestBuilder(template.subject(), key.publicKey())
            .addAttribute(
                PKCSObjectIdentifiers.pkcs_9_at_extensionRequest,
                new Extensions(own.toArray(Extension[]::new)));
    PKCS10CertificationRequest csr = builder.build(new BackendContentSigner(backend, key));
    try {
      if (!csr.isSignatureValid(SignatureVerifiers.forIssuer(key.publicKey()))) {
        throw new CeremonyException(
            "the request for " + spec.id() + " does not verify with key " + key.reference());
      }
    } catch (OperatorCreationException | PKCSException e) {
      throw new CeremonyException("the request for " + spec.id() + " cannot be checked", e);
    }
    return csr;
  }
}
