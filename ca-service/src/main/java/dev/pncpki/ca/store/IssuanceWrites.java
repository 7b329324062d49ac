package dev.pncpki.ca.store;

import dev.pncpki.ca.issuance.CertificateRow;
import dev.pncpki.ca.issuance.IssuanceAbandonedException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.postgresql.util.PSQLException;

/**
 * The two writes every issuance makes (steps 8 and 10 of docs/issuance.md), for all issuances of a
 * group-commit round at once: each is one JDBC batch, sent to PostgreSQL in one round trip, with
 * its parameters bound by name rather than through a SQL object (whose per-call set-up cost more
 * than the statements on the issuance path).
 */
public final class IssuanceWrites {
  static final String INSERT_PENDING =
      """
      insert into certificate (issuer_id, serial, profile, subject_cn, status, requester,
        idempotency_key, request_sha256, created_at, not_before, not_after, owner)
      values (:issuerId, :serial, :profile, :subjectCn, 'pending', :requester,
        :idempotencyKey, :requestSha256, :createdAt, :notBefore, :notAfter, :owner)
      """;

  /**
   * Pending to issued, and from no other state (IssuanceState): a row that crash recovery failed
   * meanwhile stays failed, because a retry with its idempotency key may have been told so.
   */
  static final String COMPLETE =
      """
      update certificate set status = 'issued', certificate = :der
      where issuer_id = :issuerId and serial = :serial and status = 'pending'
      """;

  /** A signed certificate to store in its pending row. */
  public record Completed(String issuerId, String serial, byte[] der) {}

  private IssuanceWrites() {}

  /**
   * Inserts {@code rows} (status pending, no certificate yet), in flight at the instance whose lock
   * is {@code owner} ({@link InstanceLock}).
   */
  public static void insertPending(Handle h, List<CertificateRow> rows, int owner) {
    PreparedBatch batch = h.prepareBatch(INSERT_PENDING);
    for (CertificateRow row : rows) {
      batch
          .bind("owner", owner)
          .bind("issuerId", row.issuerId())
          .bind("serial", row.serial())
          .bind("profile", row.profile())
          .bind("subjectCn", row.subjectCn())
          .bind("requester", row.requester())
          .bind("idempotencyKey", row.idempotencyKey())
          .bind("requestSha256", row.requestSha256())
          .bind("createdAt", row.createdAt())
          .bind("notBefore", row.notBefore())
          .bind("notAfter", row.notAfter())
          .add();
    }
    batch.execute();
  }

  /**
   * Marks each issuance issued with its certificate; throws {@link IssuanceAbandonedException},
   * failing the whole transaction, if one of them is no longer pending (never hand out a
   * certificate the database does not hold as issued).
   */
  public static void complete(Handle h, List<Completed> issued) {
    PreparedBatch batch = h.prepareBatch(COMPLETE);
    for (Completed c : issued) {
      batch.bind("issuerId", c.issuerId()).bind("serial", c.serial()).bind("der", c.der()).add();
    }
    int[] counts = batch.execute();
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] != 1) {
        throw new IssuanceAbandonedException(issued.get(i).issuerId(), issued.get(i).serial());
      }
    }
  }

  /** SQLSTATE of the refusal to record or complete an issuance under a revoked CA (V5). */
  static final String ISSUER_REVOKED_STATE = "PN409";

  /** Whether {@code e} is the database's refusal of an issuance under a revoked CA. */
  public static boolean issuerRevoked(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      for (SQLException s = t instanceof SQLException sql ? sql : null;
          s != null;
          s = s.getNextException()) {
        if (ISSUER_REVOKED_STATE.equals(s.getSQLState())) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The unique constraint of the certificate table on (requester, idempotency_key), as PostgreSQL
   * named it (V1__ca_schema.sql).
   */
  public static final String IDEMPOTENCY_KEY_CONSTRAINT =
      "certificate_requester_idempotency_key_key";

  /**
   * Whether {@code e} (as thrown by a write, single or batched) is the server's unique violation of
   * {@code constraint}. Only the server's own error counts: a batch's {@link BatchUpdateException}
   * carries the same SQLSTATE but a message that quotes the whole statement, column names included,
   * so the server error is read from its next exception.
   */
  public static boolean uniqueViolation(Throwable e, String constraint) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      for (SQLException s = t instanceof SQLException sql ? sql : null;
          s != null;
          s = s.getNextException()) {
        if (s instanceof PSQLException server
            && "23505".equals(server.getSQLState())
            && server.getServerErrorMessage() != null
            && constraint.equals(server.getServerErrorMessage().getConstraint())) {
          return true;
        }
      }
    }
    return false;
  }
}
