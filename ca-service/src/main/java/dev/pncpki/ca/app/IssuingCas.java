package dev.pncpki.ca.app;

import dev.pncpki.ca.issuance.Hierarchy;
import dev.pncpki.ca.revocation.IssuingCa;
import java.time.Instant;
import java.util.List;

/**
 * Every CA of the hierarchy publishes revocation status, as the URLs in the certificates below it
 * promise: a CRL signed by the CA, and OCSP answers signed by its newest live delegated OCSP
 * signer, or by the CA itself where it has none (both allowed by RFC 6960 4.2.2.2). A root is a CA
 * like the others here: its key is in the key backend and signs its CRL; its delegated signer,
 * which the demo plan makes for every root, signs its OCSP answers (docs/adr/012).
 */
final class IssuingCas {
  private IssuingCas() {}

  static List<IssuingCa> of(Hierarchy hierarchy, Instant now) {
    return hierarchy.all().stream()
        .filter(a -> a.profile().id().tier().isCa())
        .map(a -> of(hierarchy, a, now))
        .toList();
  }

  static IssuingCa of(Hierarchy hierarchy, Hierarchy.Authority ca, Instant now) {
    return hierarchy
        .ocspSignerOf(ca.id(), now)
        .map(s -> new IssuingCa(ca.id(), ca.certificate(), ca.key(), s.certificate(), s.key()))
        .orElseGet(() -> IssuingCa.signingItsOwnOcsp(ca.id(), ca.certificate(), ca.key()));
  }
}
