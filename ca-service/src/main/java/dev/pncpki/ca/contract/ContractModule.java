package dev.pncpki.ca.contract;

import dev.pncpki.ca.issuance.CertificateAuthority;
import dev.pncpki.ca.issuance.CertificateRecords;
import dev.pncpki.ca.issuance.Hierarchy;
import dev.pncpki.ca.store.JdbiContractStore;
import dev.pncpki.contract.ContractProvisioner;
import dev.pncpki.policies.profile.ProfileId;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/** The contract side of the service, built from the configuration: trust list, pool, contracts. */
public record ContractModule(
    TrustAnchors trustAnchors,
    ProvisioningPool provisioning,
    Contracts contracts,
    ContractStore store) {

  public static ContractModule create(
      ContractSettings settings,
      Jdbi jdbi,
      DataSource connections,
      Hierarchy hierarchy,
      CertificateAuthority authority,
      CertificateRecords records,
      Clock clock) {
    var tenants = new Tenants(settings.tenants());
    var store = new JdbiContractStore(jdbi, connections);
    var anchors = new TrustAnchors(store, tenants, clock);
    if (settings.hierarchyOemRootsFor() != null) {
      String oem = settings.hierarchyOemRootsFor().substring("oem:".length());
      hierarchy.all().stream()
          .filter(a -> a.profile().id() == ProfileId.OEM_ROOT)
          .forEach(a -> anchors.trustFromConfiguration(a.certificate(), oem));
    }
    var pool =
        new ProvisioningPool(
            store,
            tenants,
            anchors,
            new RevocationCheck(jdbi, hierarchy, clock),
            settings.revocationCheck(),
            clock);
    var contracts =
        new Contracts(
            store,
            tenants,
            pool,
            authority,
            records,
            new ContractProvisioner(),
            Duration.ofDays(settings.renewalWindowDays()),
            clock);
    return new ContractModule(anchors, pool, contracts, store);
  }
}
