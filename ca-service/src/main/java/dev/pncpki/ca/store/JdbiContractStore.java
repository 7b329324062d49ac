package dev.pncpki.ca.store;

import dev.pncpki.ca.audit.AuditEvent;
import dev.pncpki.ca.audit.AuditLog;
import dev.pncpki.ca.contract.ContractRow;
import dev.pncpki.ca.contract.ContractStore;
import dev.pncpki.ca.contract.ProvisioningRow;
import dev.pncpki.ca.contract.TrustAnchorRow;
import dev.pncpki.ca.issuance.CertificateStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/** Contracts and provisioning certificates in PostgreSQL (V1). */
public final class JdbiContractStore implements ContractStore {
  private final Jdbi jdbi;
  private final DataSource connections;

  public JdbiContractStore(Jdbi jdbi, DataSource connections) {
    this.jdbi = jdbi;
    this.connections = connections;
  }

  @Override
  public List<ContractRow> contracts(String emaid, String pcid) {
    return jdbi.withExtension(ContractDao.class, d -> d.contracts(emaid, pcid));
  }

  @Override
  public List<ContractRow> search(Search search) {
    return jdbi.withExtension(
        ContractDao.class,
        d ->
            d.search(
                search.mo().orElse(null),
                search.oem().orElse(null),
                search.pcid().orElse(null),
                search.emaid().orElse(null),
                search.limit()));
  }

  @Override
  public List<ContractRow> contractsOf(String emaid) {
    return jdbi.withExtension(ContractDao.class, d -> d.contractsOf(emaid));
  }

  @Override
  public Optional<ContractRow> byCertificate(String issuerId, String serial) {
    return jdbi.withExtension(ContractDao.class, d -> d.byCertificate(issuerId, serial));
  }

  @Override
  public List<ContractRow> revokeUnderLock(
      String emaid,
      String pcid,
      Function<List<ContractRow>, List<ContractRow>> choose,
      Function<ContractRow, CertificateStore.Revocation> revocation) {
    return jdbi.inTransaction(
        h -> {
          ContractStatements.lockEmaids(h, List.of(emaid));
          List<ContractRow> targets =
              choose.apply(
                  ContractStatements.contractsOf(h, List.of(emaid)).stream()
                      .filter(c -> c.pcid().equals(pcid))
                      .toList());
          for (ContractRow c : targets) {
            JdbiCertificateStore.revokeIn(h, revocation.apply(c));
          }
          return targets;
        });
  }

  @Override
  public boolean addProvisioning(ProvisioningRow row, AuditEvent event) {
    return jdbi.inTransaction(
        h -> {
          if (h.attach(ContractDao.class).insertProvisioning(row) != 1) {
            return false;
          }
          AuditLog.append(h, event);
          return true;
        });
  }

  @Override
  public Optional<ProvisioningRow> provisioning(String pcid) {
    return jdbi.withExtension(ContractDao.class, d -> d.provisioning(pcid));
  }

  @Override
  public List<ProvisioningRow> provisioningOf(Optional<String> oem) {
    return jdbi.withExtension(ContractDao.class, d -> d.provisioningOf(oem.orElse(null)));
  }

  @Override
  public void deleteProvisioning(String pcid, AuditEvent event) {
    jdbi.useTransaction(
        h -> {
          h.attach(ContractDao.class).deleteProvisioning(pcid);
          AuditLog.append(h, event);
        });
  }

  @Override
  public boolean addTrustAnchor(TrustAnchorRow row, AuditEvent event) {
    return jdbi.inTransaction(
        h -> {
          if (h.attach(ContractDao.class).insertTrustAnchor(row) != 1) {
            return false;
          }
          AuditLog.append(h, event);
          return true;
        });
  }

  @Override
  public List<TrustAnchorRow> trustAnchors() {
    return jdbi.withExtension(ContractDao.class, ContractDao::trustAnchors);
  }

  @Override
  public boolean removeTrustAnchor(String id, AuditEvent event) {
    return jdbi.inTransaction(
        h -> {
          if (h.attach(ContractDao.class).deleteTrustAnchor(id) != 1) {
            return false;
          }
          AuditLog.append(h, event);
          return true;
        });
  }

  @Override
  public Optional<Vehicle> vehicle(String pcid, Instant now) {
    return ContractStatements.vehicle(connections, pcid, now);
  }
}
