package dev.pncpki.ca.issuance;

import java.time.Instant;

/**
 * A certificate whose chain runs through a given CA: its row, the hierarchy certificate it is (if
 * it is one) and, for a contract, the eMAID and PCID it was issued for.
 */
public record AffectedRow(
    String issuerId,
    String serial,
    String profile,
    String subjectCn,
    String requester,
    Instant notAfter,
    Instant revokedAt,
    Short revocationReason,
    String authorityId,
    String emaid,
    String pcid) {}
