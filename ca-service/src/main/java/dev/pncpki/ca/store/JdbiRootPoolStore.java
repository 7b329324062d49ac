package dev.pncpki.ca.store;

import dev.pncpki.ca.audit.AuditEvent;
import dev.pncpki.ca.audit.AuditLog;
import dev.pncpki.ca.roots.PooledRoot;
import dev.pncpki.ca.roots.RootPoolStore;
import dev.pncpki.ca.roots.RootType;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.bouncycastle.cert.X509CertificateHolder;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/** The root certificate pool in PostgreSQL (table root_certificate, V7). */
public final class JdbiRootPoolStore implements RootPoolStore {
  private final Jdbi jdbi;

  public JdbiRootPoolStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public List<PooledRoot> all() {
    return jdbi.withHandle(
        h ->
            h.createQuery("select * from root_certificate order by added_at, id")
                .map(JdbiRootPoolStore::root)
                .list());
  }

  @Override
  public Optional<PooledRoot> find(UUID id) {
    return jdbi.withHandle(
        h ->
            h.createQuery("select * from root_certificate where id = :id")
                .bind("id", id)
                .map(JdbiRootPoolStore::root)
                .findOne());
  }

  @Override
  public boolean add(PooledRoot root, AuditEvent event) {
    return jdbi.inTransaction(
        h -> {
          int added =
              h.createUpdate(
                      """
                      insert into root_certificate
                        (id, root_type, certificate, sha256, not_after, added_by, added_at)
                      values (:id, :type, :certificate, :sha256, :notAfter, :addedBy, :addedAt)
                      on conflict (sha256) do nothing
                      """)
                  .bind("id", root.id())
                  .bind("type", root.type().name())
                  .bind("certificate", root.der())
                  .bind("sha256", root.sha256())
                  .bind("notAfter", root.notAfter())
                  .bind("addedBy", root.addedBy())
                  .bind("addedAt", root.addedAt())
                  .execute();
          if (added == 1) {
            AuditLog.append(h, event);
          }
          return added == 1;
        });
  }

  @Override
  public boolean remove(UUID id, AuditEvent event) {
    return jdbi.inTransaction(
        h -> {
          int removed =
              h.createUpdate("delete from root_certificate where id = :id")
                  .bind("id", id)
                  .execute();
          if (removed == 1) {
            AuditLog.append(h, event);
          }
          return removed == 1;
        });
  }

  private static PooledRoot root(ResultSet rs, StatementContext ctx) throws SQLException {
    try {
      return new PooledRoot(
          rs.getObject("id", UUID.class),
          RootType.valueOf(rs.getString("root_type")),
          new X509CertificateHolder(rs.getBytes("certificate")),
          rs.getString("sha256"),
          rs.getString("added_by"),
          rs.getObject("added_at", OffsetDateTime.class).toInstant());
    } catch (IOException e) {
      throw new SQLException("a pooled root cannot be read", e);
    }
  }
}
