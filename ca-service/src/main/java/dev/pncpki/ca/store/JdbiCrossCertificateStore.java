package dev.pncpki.ca.store;

import dev.pncpki.ca.audit.AuditEvent;
import dev.pncpki.ca.audit.AuditLog;
import dev.pncpki.ca.roots.CrossCertificate;
import dev.pncpki.ca.roots.CrossCertificateStore;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/** Cross-certificates in PostgreSQL (table cross_certificate, V9). */
public final class JdbiCrossCertificateStore implements CrossCertificateStore {
  private final Jdbi jdbi;

  public JdbiCrossCertificateStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public List<CrossCertificate> all() {
    return jdbi.withHandle(
        h ->
            h.createQuery("select * from cross_certificate order by added_at, sha256")
                .map(JdbiCrossCertificateStore::cross)
                .list());
  }

  @Override
  public boolean add(CrossCertificate cross, AuditEvent event) {
    return jdbi.inTransaction(
        h -> {
          int added =
              h.createUpdate(
                      """
                      insert into cross_certificate (sha256, certificate, subject_root_sha256,
                        issuer_root_sha256, not_after, added_by, added_at)
                      values (:sha256, :certificate, :subject, :issuer, :notAfter, :addedBy,
                        :addedAt)
                      on conflict (sha256) do nothing
                      """)
                  .bind("sha256", cross.sha256())
                  .bind("certificate", cross.der())
                  .bind("subject", cross.subjectRootSha256())
                  .bind("issuer", cross.issuerRootSha256())
                  .bind("notAfter", cross.notAfter())
                  .bind("addedBy", cross.addedBy())
                  .bind("addedAt", cross.addedAt())
                  .execute();
          if (added == 1) {
            AuditLog.append(h, event);
          }
          return added == 1;
        });
  }

  @Override
  public boolean remove(String sha256, AuditEvent event) {
    return jdbi.inTransaction(
        h -> {
          int removed =
              h.createUpdate("delete from cross_certificate where sha256 = :sha256")
                  .bind("sha256", sha256)
                  .execute();
          if (removed == 1) {
            AuditLog.append(h, event);
          }
          return removed == 1;
        });
  }

  private static CrossCertificate cross(ResultSet rs, StatementContext ctx) throws SQLException {
    try {
      return new CrossCertificate(
          rs.getString("sha256"),
          new X509CertificateHolder(rs.getBytes("certificate")),
          rs.getString("subject_root_sha256"),
          rs.getString("issuer_root_sha256"),
          rs.getString("added_by"),
          rs.getObject("added_at", OffsetDateTime.class).toInstant());
    } catch (IOException e) {
      throw new SQLException("a cross-certificate cannot be read", e);
    }
  }
}
