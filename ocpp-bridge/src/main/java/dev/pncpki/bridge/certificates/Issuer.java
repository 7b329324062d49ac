package dev.pncpki.bridge.certificates;

import dev.pncpki.bridge.trust.RootFingerprint;
import java.util.Optional;

/**
 * Issues a certificate for a station's CSR: the CA's REST API ({@link CaClient}) in the bridge. The
 * same idempotency key always gets the same certificate, however often it is asked.
 */
public interface Issuer {
  /** With {@code root}, the chain must end at that root (a V2G certificate's policy). */
  CaClient.Issued issue(
      String profile,
      String csrPem,
      String identity,
      Optional<RootFingerprint> root,
      String idempotencyKey)
      throws CaClient.CaException;
}
