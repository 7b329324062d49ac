package dev.pncpki.ca.api;

import dev.pncpki.ca.audit.AuditEventRow;
import java.time.Instant;
import java.util.HexFormat;

/** The JSON form of an audit event; {@code hash} is its link in the chain, hex. */
public record AuditEventJson(
    long id,
    Instant at,
    String actor,
    String action,
    String target,
    String outcome,
    String detail,
    String hash) {

  static AuditEventJson of(AuditEventRow r) {
    return new AuditEventJson(
        r.id(),
        r.at(),
        r.actor(),
        r.action(),
        r.target(),
        r.outcome(),
        r.detail(),
        HexFormat.of().formatHex(r.hash()));
  }
}
