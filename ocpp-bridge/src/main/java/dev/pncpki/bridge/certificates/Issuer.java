package dev.pncpki.bridge.certificates;

/**
 * Issues a certificate for a station's CSR: the CA's REST API ({@link CaClient}) in the bridge. The
 * same idempotency key always gets the same certificate, however often it is asked.
 */
public interface Issuer {
  CaClient.Issued issue(String profile, String csrPem, String identity, String idempotencyKey)
      throws CaClient.CaException;
}
