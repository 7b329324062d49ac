package dev.pncpki.ca.ceremony;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * A whole hierarchy to create, in issuing order. {@code baseUrl} is the CA's public URL, where its
 * OCSP responder and CRLs are reachable; it is baked into every certificate, so it must be stable.
 */
public record CeremonyPlan(URI baseUrl, List<CertificateSpec> certificates) {

  public CeremonyPlan {
    certificates = List.copyOf(certificates);
  }

  public Optional<CertificateSpec> find(String id) {
    return certificates.stream().filter(c -> c.id().equals(id)).findFirst();
  }

  /** The OCSP responder for certificates issued by {@code issuerId}. */
  public URI ocspUrl(String issuerId) {
    return URI.create(baseUrl + "/ocsp/" + issuerId);
  }

  /** The CRL of {@code issuerId}. */
  public URI crlUrl(String issuerId) {
    return URI.create(baseUrl + "/crl/" + issuerId + ".crl");
  }
}
