package dev.pncpki.ca.store;

import dev.pncpki.ca.audit.AuditEvent;
import dev.pncpki.ca.audit.AuditLog;
import dev.pncpki.ca.issuance.CertificateRow;
import dev.pncpki.ca.issuance.CertificateState;
import dev.pncpki.ca.issuance.CertificateStore;
import dev.pncpki.ca.issuance.ProfileCount;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Certificate records in PostgreSQL (table certificate, V1). */
public final class JdbiCertificateStore implements CertificateStore {
  private final Jdbi jdbi;

  public JdbiCertificateStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public Optional<CertificateRow> find(String issuerId, String serial) {
    return jdbi.withExtension(CertificateDao.class, d -> d.find(issuerId, serial));
  }

  @Override
  public List<CertificateRow> findBySerial(String serial) {
    return jdbi.withExtension(CertificateDao.class, d -> d.findBySerial(serial));
  }

  @Override
  public List<CertificateRow> search(Search search) {
    return jdbi.withExtension(
        CertificateDao.class,
        d ->
            d.search(
                search.commonName().orElse(null),
                search.state().map(CertificateState::label).orElse(null),
                search.expiringBefore().orElse(null),
                search.limit()));
  }

  @Override
  public boolean revoke(Revocation revocation) {
    return jdbi.inTransaction(h -> revokeIn(h, revocation));
  }

  @Override
  public Optional<List<ProfileCount>> revokeAuthority(
      String caId, Supplier<Revocation> made, Function<List<ProfileCount>, AuditEvent> audit) {
    return jdbi.inTransaction(
        h -> {
          // V5's trigger reads the CA's row FOR SHARE: an issuance under the CA completing now
          // waits for this commit and then finds the CA revoked
          h.attach(HierarchyDao.class).lockCertificate(caId);
          Revocation revocation = made.get();
          if (!revokeIn(h, revocation)) {
            return Optional.empty();
          }
          var valid = h.attach(HierarchyDao.class).validBelow(caId, revocation.at());
          AuditLog.append(h, audit.apply(valid));
          return Optional.of(valid);
        });
  }

  /**
   * Revokes inside {@code h}'s transaction, with its audit event and the NOTIFY that other
   * instances hear at commit; false if it was revoked already.
   */
  static boolean revokeIn(Handle h, Revocation r) {
    int n =
        h.attach(CertificateDao.class)
            .revoke(r.issuerId(), r.serial(), r.at(), (short) r.reason().code());
    if (n == 0) {
      return false;
    }
    // delivered at commit to every instance listening (RevocationNotifications)
    h.execute(
        "select pg_notify('pnc_revocation', ?)",
        r.instance() + " " + r.issuerId() + "/" + r.serial());
    AuditLog.append(h, r.event());
    return true;
  }
}
