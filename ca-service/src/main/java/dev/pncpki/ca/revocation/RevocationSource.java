package dev.pncpki.ca.revocation;

import java.math.BigInteger;

/** What the OCSP responder reads from the system of record (PostgreSQL in the service). */
public interface RevocationSource {

  CertificateStatus status(String issuerId, BigInteger serial);
}
