package dev.pncpki.ca.audit;

import java.time.Instant;

/** A row of audit_anchor: a signed head of the audit chain. */
public record AuditAnchorRow(
    long eventId, byte[] headHash, Instant signedAt, String keyRef, byte[] signature) {}
