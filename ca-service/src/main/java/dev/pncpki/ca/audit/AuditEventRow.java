package dev.pncpki.ca.audit;

import java.time.Instant;

/** One stored audit event, with the chain hash that links it to the event before it. */
public record AuditEventRow(
    long id,
    Instant at,
    String actor,
    String action,
    String target,
    String outcome,
    String detail,
    byte[] hash) {}
