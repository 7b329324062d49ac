package dev.pncpki.ca.contract;

import dev.pncpki.ca.auth.Caller;
import dev.pncpki.ca.issuance.CertificateAuthority;
import dev.pncpki.ca.issuance.CertificateRecords;
import dev.pncpki.ca.issuance.Idempotency;
import dev.pncpki.ca.issuance.IssuanceState;
import dev.pncpki.ca.refusal.PlainText;
import dev.pncpki.ca.refusal.Refusal;
import dev.pncpki.ca.refusal.RefusedException;
import dev.pncpki.ca.revocation.RevocationReason;
import dev.pncpki.contract.ContractProvisioner;
import dev.pncpki.policies.profile.CertificateProfile;
import dev.pncpki.policies.profile.ProfileCatalog;
import dev.pncpki.policies.profile.Suite;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * Contracts for vehicles: issue one for a PCID and an eMAID (ISO 15118-2 CertificateInstallation
 * data), renew one near expiry with the new key encrypted to the current contract key
 * (CertificateUpdate), revoke, list. A contract belongs to the mobility operator that issued it;
 * only that operator (or an admin) may renew or revoke it. The OEM of the PCID may read it, so that
 * its backend can deliver it to the vehicle.
 */
public final class Contracts {
  /** A request to issue a contract; {@code emaid} absent: allocate one. */
  public record IssueContract(
      String pcid, String emaid, String xsdMsgDefNamespace, Integer validityDays) {
    public IssueContract {
      PlainText.line("pcid", pcid);
      PlainText.line("emaid", emaid);
      PlainText.line("xsdMsgDefNamespace", xsdMsgDefNamespace);
    }
  }

  private final ContractStore store;
  private final Tenants tenants;
  private final ProvisioningPool pool;
  private final CertificateAuthority authority;
  private final CertificateRecords records;
  private final ContractProvisioner provisioner;
  private final Duration renewalWindow;
  private final Clock clock;
  private final ContractRetries retries;

  Contracts(
      ContractStore store,
      Tenants tenants,
      ProvisioningPool pool,
      CertificateAuthority authority,
      CertificateRecords records,
      ContractProvisioner provisioner,
      Duration renewalWindow,
      Clock clock) {
    this.store = store;
    this.tenants = tenants;
    this.pool = pool;
    this.authority = authority;
    this.records = records;
    this.provisioner = provisioner;
    this.renewalWindow = renewalWindow;
    this.clock = clock;
    this.retries = new ContractRetries(store, authority);
  }

  public ContractRow issue(Caller caller, IssueContract request) {
    return issue(caller, request, Optional.empty());
  }

  /** With an idempotency key, a retry gets the first request's outcome (ContractRetries). */
  public ContractRow issue(Caller caller, IssueContract request, Optional<String> idempotencyKey) {
    ContractSettings.Tenant mo = tenants.requireMo(caller, "issue contracts");
    Optional<Idempotency> idempotency = ContractRetries.issue(idempotencyKey, request);
    return retries.once(caller, idempotency, () -> issueNew(caller, mo, request, idempotency));
  }

  private ContractRow issueNew(
      Caller caller,
      ContractSettings.Tenant mo,
      IssueContract request,
      Optional<Idempotency> idempotency) {
    if (request.pcid() == null) {
      throw new RefusedException(Refusal.MALFORMED_REQUEST, "pcid is missing");
    }
    ContractStore.Vehicle found = pool.forContract(request.pcid());
    ProvisioningRow vehicle = found.provisioning();
    Suite suite = MessageDefinitions.suite(request.xsdMsgDefNamespace());
    if (ProvisioningPool.suiteOf(vehicle) != suite) {
      throw new RefusedException(
          Refusal.SUITE_MISMATCH,
          "PCID "
              + vehicle.pcid()
              + " has a "
              + vehicle.suite()
              + " provisioning certificate; ask for "
              + MessageDefinitions.namespace(ProvisioningPool.suiteOf(vehicle)));
    }
    checkStillTrusted(found);
    String emaid = EmaidRules.forRequest(mo, request.emaid());
    ContractIssuer issuer =
        new ContractIssuer(
            authority,
            caller,
            mo,
            vehicle.oem(),
            profile(suite),
            emaid,
            vehicle.pcid(),
            request.validityDays(),
            Optional.empty(),
            idempotency,
            retries);
    return provisioner.provision(
        EnvelopeSuites.of(suite),
        StoredPublicKey.of(vehicle.certificate()),
        vehicle.pcid(),
        issuer);
  }

  /**
   * Renews a contract near expiry. ISO 15118-2 CertificateUpdate encrypts the new key to the
   * current contract key [V2G2-821]. ISO 15118-20 has no update message; its contract keys are
   * always encrypted to the OEM provisioning key [V2G20-2534], so a -20 renewal is an installation
   * for the same vehicle that replaces the current contract.
   */
  public ContractRow update(
      Caller caller,
      String emaid,
      String pcid,
      Integer validityDays,
      Optional<String> idempotencyKey) {
    ContractSettings.Tenant mo = tenants.requireMo(caller, "renew contracts");
    // before the contract's state is looked at: after the first request it is replaced
    Optional<Idempotency> idempotency =
        ContractRetries.update(idempotencyKey, emaid, pcid, validityDays);
    return retries.once(
        caller, idempotency, () -> renew(caller, mo, emaid, pcid, validityDays, idempotency));
  }

  private ContractRow renew(
      Caller caller,
      ContractSettings.Tenant mo,
      String emaid,
      String pcid,
      Integer validityDays,
      Optional<Idempotency> idempotency) {
    ContractRow current = live(emaid, pcid);
    if (!current.mo().equals(mo.name())) {
      throw Tenants.forbidden(caller, "renew a contract of " + current.mo());
    }
    Instant now = clock.instant();
    if (current.notAfter().isAfter(now.plus(renewalWindow))) {
      throw new RefusedException(
          Refusal.CONTRACT_NOT_DUE,
          "the contract expires "
              + current.notAfter()
              + "; renewal opens "
              + renewalWindow.toDays()
              + " days before");
    }
    Suite suite = Suite.fromLabel(current.suite());
    SubjectPublicKeyInfo staticKey;
    if (suite == Suite.ISO15118_2) {
      staticKey = StoredPublicKey.of(current.certificate());
    } else {
      ContractStore.Vehicle vehicle = pool.forContract(current.pcid());
      checkStillTrusted(vehicle);
      staticKey = StoredPublicKey.of(vehicle.provisioning().certificate());
    }
    ContractIssuer issuer =
        new ContractIssuer(
            authority,
            caller,
            mo,
            current.oem(),
            profile(suite),
            current.emaid(),
            current.pcid(),
            validityDays,
            Optional.of(current.id()),
            idempotency,
            retries);
    // the old contract points to the new one from the pending transaction on (ContractIssuer)
    return provisioner.provision(EnvelopeSuites.of(suite), staticKey, current.pcid(), issuer);
  }

  /**
   * Revokes the contract: the live certificate and every earlier one of the same eMAID and PCID
   * that is still unexpired (a replaced contract stays valid otherwise, and a compromised or
   * cancelled contract must not live on in the vehicle's old key). Under the eMAID lock, so that a
   * renewal cannot slip in between; while one is being issued, the revocation is refused with 409.
   */
  public ContractRow revoke(Caller caller, String emaid, String pcid, RevocationReason reason) {
    ContractRow current = live(emaid, pcid);
    boolean owner = tenants.isMo(caller, current.mo());
    if (!caller.isAdmin() && !owner) {
      throw Tenants.forbidden(caller, "revoke a contract of " + current.mo());
    }
    Instant now = clock.instant();
    List<ContractRow> revoked =
        store.revokeUnderLock(
            current.emaid(),
            current.pcid(),
            rows -> {
              if (rows.stream().anyMatch(c -> c.status(now) == ContractState.PENDING)) {
                throw new RefusedException(
                    Refusal.CONTRACT_BUSY, "a renewal of this contract is being issued; retry");
              }
              return rows.stream()
                  .filter(c -> c.certificateStatus() == IssuanceState.ISSUED)
                  .filter(c -> c.revokedAt() == null && c.notAfter().isAfter(now))
                  .toList();
            },
            c -> records.revocation(caller, c.issuerId(), c.serial(), reason));
    revoked.forEach(c -> records.revoked(c.issuerId(), c.serial()));
    return find(current.emaid(), current.pcid(), current.id());
  }

  /**
   * The contract of an eMAID for a PCID, for its operator, the PCID's OEM or an admin: the active
   * one if there is one, else the newest with a certificate (a failed renewal does not hide it).
   */
  public ContractRow get(Caller caller, String emaid, String pcid) {
    List<ContractRow> all = contracts(emaid, pcid);
    Instant now = clock.instant();
    ContractRow shown =
        all.stream()
            .filter(c -> c.status(now) == ContractState.ACTIVE)
            .reduce((a, b) -> b)
            .or(() -> all.stream().filter(c -> c.certificate() != null).reduce((a, b) -> b))
            .orElseThrow(
                () ->
                    new RefusedException(
                        Refusal.NOT_FOUND, "no contract " + emaid + " for PCID " + pcid));
    checkReader(caller, shown);
    return shown;
  }

  public List<ContractRow> search(Caller caller, String pcid, String emaid, Integer limit) {
    int bounded = Math.max(1, Math.min(limit == null ? 100 : limit, 1000));
    Optional<String> p = Optional.ofNullable(pcid).map(ProvisioningPool::normalisePcid);
    Optional<String> e = Optional.ofNullable(emaid).map(EmaidRules::normalise);
    if (caller.isAdmin()) {
      return store.search(
          new ContractStore.Search(Optional.empty(), Optional.empty(), p, e, bounded));
    }
    Optional<ContractSettings.Tenant> mo = tenants.mo(caller);
    if (mo.isPresent()) {
      return store.search(
          new ContractStore.Search(
              mo.map(ContractSettings.Tenant::name), Optional.empty(), p, e, bounded));
    }
    ContractSettings.Tenant oem = tenants.requireOem(caller, "list contracts");
    return store.search(
        new ContractStore.Search(Optional.empty(), Optional.of(oem.name()), p, e, bounded));
  }

  private ContractRow live(String emaid, String pcid) {
    Instant now = clock.instant();
    List<ContractRow> all = contracts(emaid, pcid);
    return all.stream()
        .filter(c -> c.status(now) == ContractState.ACTIVE)
        .reduce((a, b) -> b)
        .orElseThrow(
            () ->
                all.isEmpty()
                    ? new RefusedException(
                        Refusal.NOT_FOUND, "no contract " + emaid + " for PCID " + pcid)
                    : new RefusedException(
                        Refusal.CONTRACT_NOT_ACTIVE,
                        "contract "
                            + emaid
                            + " for PCID "
                            + pcid
                            + " is "
                            + all.get(all.size() - 1).status(now).label()));
  }

  private List<ContractRow> contracts(String emaid, String pcid) {
    String e = EmaidRules.normalise(emaid);
    String p = ProvisioningPool.normalisePcid(pcid);
    return store.contracts(e, p);
  }

  private ContractRow find(String emaid, String pcid, long id) {
    return contracts(emaid, pcid).stream().filter(c -> c.id() == id).findFirst().orElseThrow();
  }

  private void checkReader(Caller caller, ContractRow contract) {
    if (caller.isAdmin() || tenants.isMo(caller, contract.mo())) {
      return;
    }
    if (tenants.isOem(caller, contract.oem())) {
      return; // the OEM of the vehicle when the contract was issued
    }
    throw Tenants.forbidden(caller, "read contract " + contract.emaid() + " of " + contract.mo());
  }

  private void checkStillTrusted(ContractStore.Vehicle found) {
    ProvisioningRow vehicle = found.provisioning();
    if (!vehicle.notAfter().isAfter(clock.instant())) {
      throw new RefusedException(
          Refusal.CERTIFICATE_EXPIRED,
          "the provisioning certificate of " + vehicle.pcid() + " expired " + vehicle.notAfter());
    }
    if (!found.rootTrusted()) {
      throw new RefusedException(
          Refusal.UNTRUSTED_CHAIN, "the OEM root of " + vehicle.pcid() + " is no longer trusted");
    }
  }

  private static CertificateProfile profile(Suite suite) {
    return ProfileCatalog.byLabel(
        "contract-leaf" + (suite == Suite.ISO15118_2 ? "" : "@" + suite.label()));
  }
}
