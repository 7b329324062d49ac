package dev.pncpki.ca.contract;

import dev.pncpki.ca.audit.AuditEvent;
import dev.pncpki.ca.issuance.CertificateRow;
import dev.pncpki.ca.issuance.CertificateStore;
import dev.pncpki.ca.issuance.InMemoryIssuanceStore;
import dev.pncpki.ca.issuance.IssuanceState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Contracts and provisioning certificates in memory, joined with the certificate rows of an {@link
 * InMemoryIssuanceStore} as the database joins them; it is also the issuance store's {@link
 * ContractWrites} view. For unit tests of the contract feature.
 */
public final class InMemoryContractStore implements ContractStore, ContractWrites {
  private final InMemoryIssuanceStore certificates;
  private final Map<Long, NewContract> contracts = new LinkedHashMap<>();
  private final Map<Long, Long> replacedBy = new LinkedHashMap<>();
  private final Map<String, ProvisioningRow> provisioning = new LinkedHashMap<>();
  private final Set<String> distrustedRoots = new HashSet<>();
  private final Map<String, TrustAnchorRow> anchors = new LinkedHashMap<>();
  private final List<AuditEvent> events = new ArrayList<>();
  private long nextId = 1;

  public InMemoryContractStore(InMemoryIssuanceStore certificates) {
    this.certificates = certificates;
    certificates.with(ContractWrites.class, this);
  }

  /** The trust anchor {@code rootId} is no longer trusted (deleted or expired). */
  public synchronized void distrust(String rootId) {
    distrustedRoots.add(rootId);
  }

  public synchronized List<AuditEvent> events() {
    return List.copyOf(events);
  }

  @Override
  public synchronized List<ContractRow> contracts(String emaid, String pcid) {
    return all().stream().filter(c -> c.emaid().equals(emaid) && c.pcid().equals(pcid)).toList();
  }

  @Override
  public synchronized List<ContractRow> search(Search search) {
    return all().stream()
        .filter(c -> search.mo().map(c.mo()::equals).orElse(true))
        .filter(c -> search.oem().map(c.oem()::equals).orElse(true))
        .filter(c -> search.pcid().map(c.pcid()::equals).orElse(true))
        .filter(c -> search.emaid().map(c.emaid()::equals).orElse(true))
        .limit(search.limit())
        .toList();
  }

  @Override
  public synchronized List<ContractRow> contractsOf(String emaid) {
    return all().stream().filter(c -> c.emaid().equals(emaid)).toList();
  }

  @Override
  public synchronized Optional<ContractRow> byCertificate(String issuerId, String serial) {
    return all().stream()
        .filter(c -> c.issuerId().equals(issuerId) && c.serial().equals(serial))
        .findFirst();
  }

  @Override
  public synchronized List<ContractRow> revokeUnderLock(
      String emaid,
      String pcid,
      Function<List<ContractRow>, List<ContractRow>> choose,
      Function<ContractRow, CertificateStore.Revocation> revocation) {
    List<ContractRow> targets = choose.apply(contracts(emaid, pcid));
    targets.forEach(c -> certificates.revoke(revocation.apply(c)));
    return targets;
  }

  @Override
  public synchronized boolean addProvisioning(ProvisioningRow row, AuditEvent event) {
    if (provisioning.putIfAbsent(row.pcid(), row) != null) {
      return false;
    }
    events.add(event);
    return true;
  }

  @Override
  public synchronized Optional<ProvisioningRow> provisioning(String pcid) {
    return Optional.ofNullable(provisioning.get(pcid));
  }

  @Override
  public synchronized List<ProvisioningRow> provisioningOf(Optional<String> oem) {
    return provisioning.values().stream()
        .filter(p -> oem.map(p.oem()::equals).orElse(true))
        .toList();
  }

  @Override
  public synchronized void deleteProvisioning(String pcid, AuditEvent event) {
    provisioning.remove(pcid);
    events.add(event);
  }

  @Override
  public synchronized boolean addTrustAnchor(TrustAnchorRow row, AuditEvent event) {
    if (anchors.putIfAbsent(row.id(), row) != null) {
      return false;
    }
    events.add(event);
    return true;
  }

  @Override
  public synchronized List<TrustAnchorRow> trustAnchors() {
    return List.copyOf(anchors.values());
  }

  @Override
  public synchronized boolean removeTrustAnchor(String id, AuditEvent event) {
    if (anchors.remove(id) == null) {
      return false;
    }
    events.add(event);
    return true;
  }

  @Override
  public synchronized Optional<Vehicle> vehicle(String pcid, Instant now) {
    return provisioning(pcid).map(p -> new Vehicle(p, !distrustedRoots.contains(p.rootId())));
  }

  @Override
  public void lockEmaids(Collection<String> emaids) {
    // every method holds this store's monitor: one writer at a time
  }

  @Override
  public synchronized List<ContractRow> contractsOf(Collection<String> emaids) {
    return all().stream().filter(c -> emaids.contains(c.emaid())).toList();
  }

  @Override
  public synchronized List<Long> insert(List<NewContract> rows) {
    List<Long> ids = new ArrayList<>();
    for (NewContract c : rows) {
      contracts.put(nextId, c);
      ids.add(nextId++);
    }
    return ids;
  }

  @Override
  public synchronized boolean markReplaced(long id, long by) {
    if (!contracts.containsKey(id)) {
      return false;
    }
    replacedBy.put(id, by);
    return true;
  }

  /** Contracts whose issuance was recorded (one whose recording was refused was rolled back). */
  private List<ContractRow> all() {
    List<ContractRow> rows = new ArrayList<>();
    contracts.forEach(
        (id, c) ->
            certificates
                .find(c.issuerId(), c.serial())
                .ifPresent(cert -> rows.add(join(id, c, cert))));
    return rows;
  }

  private ContractRow join(long id, NewContract c, CertificateRow cert) {
    Long by = replacedBy.get(id);
    IssuanceState replacement =
        by == null
            ? null
            : certificates
                .find(contracts.get(by).issuerId(), contracts.get(by).serial())
                .map(CertificateRow::status)
                .orElse(null);
    return new ContractRow(
        id,
        c.emaid(),
        c.pcid(),
        c.mo(),
        c.oem(),
        c.suite(),
        c.issuerId(),
        c.serial(),
        c.encryptedPrivateKey(),
        c.dhPublicKey(),
        c.replaces(),
        by,
        c.createdAt(),
        cert.status(),
        cert.certificate(),
        cert.notAfter(),
        cert.revokedAt(),
        replacement);
  }
}
