package dev.pncpki.ca.contract;

import java.time.Instant;

/**
 * One OEM provisioning certificate (DER) with the Sub-CA certificates above it, stored by PCID.
 * {@code subCa2} is null when Sub-CA 1 issued the leaf.
 */
public record ProvisioningRow(
    String pcid,
    String oem,
    String suite,
    byte[] certificate,
    byte[] subCa2,
    byte[] subCa1,
    String rootId,
    Instant notAfter,
    String revocation,
    String uploadedBy,
    Instant uploadedAt) {}
