package dev.pncpki.ca.issuance;

/** Told right after a revocation commits: CRL publishing and the OCSP cache listen. */
public interface RevocationListener {
  void revoked(String issuerId, java.math.BigInteger serial);
}
