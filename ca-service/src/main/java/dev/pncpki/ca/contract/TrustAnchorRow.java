package dev.pncpki.ca.contract;

import java.time.Instant;

/**
 * One trusted root: {@code id} is the SHA-256 fingerprint of {@code certificate} (DER), hex; {@code
 * oem} is the OEM tenant whose provisioning certificates chain to it.
 */
public record TrustAnchorRow(
    String id,
    String pki,
    String oem,
    String subject,
    byte[] certificate,
    Instant notAfter,
    String addedBy,
    Instant addedAt) {}
