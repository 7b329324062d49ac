package dev.pncpki.ca.revocation;

import java.math.BigInteger;
import java.util.List;

/** What revocation publishing reads from the system of record (PostgreSQL in the service). */
public interface RevocationSource {

  CertificateStatus status(String issuerId, BigInteger serial);

  /** Every revoked, unexpired certificate of the issuer. */
  List<RevokedEntry> revoked(String issuerId);

  /** The next CRL number of the issuer; strictly increasing, never reused (RFC 5280 5.2.3). */
  BigInteger nextCrlNumber(String issuerId);

  /** A CRL number and the revocations it must list. */
  record CrlContent(BigInteger number, List<RevokedEntry> revoked) {
    public CrlContent {
      revoked = List.copyOf(revoked);
    }
  }

  /**
   * The next number and the revoked list read after drawing it, so that a higher number never lists
   * fewer revocations, even with several CA instances (a store makes this one transaction).
   */
  default CrlContent nextCrl(String issuerId) {
    BigInteger number = nextCrlNumber(issuerId);
    return new CrlContent(number, revoked(issuerId));
  }
}
