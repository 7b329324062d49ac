package dev.pncpki.ca.revocation;

import java.math.BigInteger;
import java.time.Instant;

/** One revoked serial as it goes into a CRL. */
public record RevokedEntry(BigInteger serial, Instant revokedAt, RevocationReason reason) {}
