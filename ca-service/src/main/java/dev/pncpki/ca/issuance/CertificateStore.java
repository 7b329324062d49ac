package dev.pncpki.ca.issuance;

import dev.pncpki.ca.audit.AuditEvent;
import dev.pncpki.ca.revocation.RevocationReason;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/** Issued certificates as the CA's records of them: lookups, searches and revocation. */
public interface CertificateStore {

  /**
   * One revocation: the certificate, when and why, its audit event, and the instance that revokes
   * (other instances hear of it at commit and skip their own).
   */
  record Revocation(
      String issuerId,
      String serial,
      Instant at,
      RevocationReason reason,
      AuditEvent event,
      String instance) {}

  /** What a search asks for; each absent part matches everything. */
  record Search(
      Optional<String> commonName,
      Optional<CertificateState> state,
      Optional<Instant> expiringBefore,
      int limit) {}

  Optional<CertificateRow> find(String issuerId, String serial);

  List<CertificateRow> findBySerial(String serial);

  /** Issued certificates matching {@code search}, soonest expiry first. */
  List<CertificateRow> search(Search search);

  /** Revokes with its audit event, durable when it returns; false if it was revoked already. */
  boolean revoke(Revocation revocation);

  /**
   * Revokes CA {@code caId}'s certificate while holding its row, so that an issuance under it that
   * completes meanwhile waits and then finds it revoked; {@code revocation} is made once the row is
   * held (its time is after every issuance that completed first), and {@code audit} makes the CA
   * revocation's own audit event from what was still valid below it. Empty if it was revoked
   * already.
   */
  Optional<List<ProfileCount>> revokeAuthority(
      String caId, Supplier<Revocation> revocation, Function<List<ProfileCount>, AuditEvent> audit);
}
