package dev.pncpki.ca.issuance;

import java.time.Instant;

/** A certificate of the CA hierarchy as the ceremony made it. */
public record AuthorityRow(
    String id,
    String profile,
    String issuerId,
    String keyRef,
    String serial,
    byte[] certificate,
    Instant notAfter,
    String baseUrl) {}
