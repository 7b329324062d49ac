package dev.pncpki.ca.issuance;

import java.time.Instant;

/**
 * The certificate row of one authority of the hierarchy: issued by {@code issuerId} (a root by
 * itself), made by the ceremony rather than requested, {@code sha256} the digest of its DER.
 */
@SuppressWarnings("ArrayRecordComponent") // handed straight to the database, never compared
public record AuthorityCertificateRow(
    String authorityId,
    String issuerId,
    String serial,
    String profile,
    String subjectCn,
    byte[] sha256,
    Instant createdAt,
    Instant notBefore,
    Instant notAfter,
    byte[] der) {}
