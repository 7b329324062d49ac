package dev.pncpki.ca.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pncpki.ca.app.OemPki;
import dev.pncpki.ca.auth.Caller;
import dev.pncpki.ca.ceremony.TestHierarchy;
import dev.pncpki.ca.issuance.CertificateAuthority;
import dev.pncpki.ca.issuance.CertificateRecords;
import dev.pncpki.ca.issuance.Hierarchy;
import dev.pncpki.ca.issuance.HierarchyImport;
import dev.pncpki.ca.issuance.InFlight;
import dev.pncpki.ca.issuance.InMemoryIssuanceStore;
import dev.pncpki.ca.refusal.Refusal;
import dev.pncpki.ca.refusal.RefusedException;
import dev.pncpki.ca.revocation.RevocationReason;
import dev.pncpki.contract.ContractProvisioner;
import dev.pncpki.policies.id.Emaid;
import dev.pncpki.policies.profile.Suite;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issuing, renewing, revoking and reading contracts against in-memory stores: who may do what, the
 * one live contract per eMAID, and what each refusal leaves behind; on an MO hierarchy made by the
 * real ceremony with software keys and a vehicle of a test OEM PKI.
 */
class ContractsTest {
  private static final String MO_PLAN =
      """
      certificates:
        - {id: mo-root, profile: mo-root, validityDays: 3650,
           subject: {commonName: Test MO Root, organization: Test MO, country: DE}}
        - {id: mo-sub-ca-1, profile: mo-sub-ca-1, issuer: mo-root, validityDays: 1000,
           subject: {commonName: Test MO Sub-CA 1, organization: Test MO, country: DE}}
        - {id: mo-sub-ca-2, profile: mo-sub-ca-2, issuer: mo-sub-ca-1, validityDays: 700,
           subject: {commonName: Test MO Sub-CA 2, organization: Test MO, country: DE}}
      """;
  private static final Caller MO_X = new Caller("mo-x", Set.of("mo:mo-x"), Optional.empty());
  private static final Caller MO_Y = new Caller("mo-y", Set.of("mo:mo-y"), Optional.empty());
  private static final Caller OEM_A = new Caller("oem-a", Set.of("oem:oem-a"), Optional.empty());
  private static final Caller OEM_B = new Caller("oem-b", Set.of("oem:oem-b"), Optional.empty());
  private static final Caller ADMIN = new Caller("alice", Set.of("admin"), Optional.empty());
  private static final String PCID = "WMA00000000000001";
  private static final String EMAID = Emaid.allocate("DE", "PNC", "C0NTRACT1").value();

  @TempDir Path dir;
  private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private final MovableClock clock = new MovableClock(t0.plus(Duration.ofDays(1)));
  private final InMemoryIssuanceStore certificates = new InMemoryIssuanceStore();
  private final InMemoryContractStore store = new InMemoryContractStore(certificates);
  private Contracts contracts;
  private X509CertificateHolder vehicleCertificate;

  @BeforeEach
  void contracts() throws Exception {
    var made = TestHierarchy.in(dir);
    made.run(MO_PLAN, t0);
    var hierarchy = new Hierarchy(HierarchyImport.rows(made.directory()));
    var authority =
        new CertificateAuthority(
            certificates,
            hierarchy,
            made.backend(),
            clock,
            new SecureRandom(),
            new InFlight(() -> 1));
    var tenants =
        new Tenants(
            List.of(
                new ContractSettings.Tenant("mo:mo-x", "MO X", List.of("DEPNC"), null),
                new ContractSettings.Tenant("mo:mo-y", "MO Y", List.of("DEMOY"), null),
                new ContractSettings.Tenant("oem:oem-a", null, null, List.of("WMA")),
                new ContractSettings.Tenant("oem:oem-b", null, null, List.of("WMB"))));
    var pool =
        new ProvisioningPool(
            store, tenants, null, null, ContractSettings.RevocationCheckMode.OFF, clock);
    contracts =
        new Contracts(
            store,
            tenants,
            pool,
            authority,
            new CertificateRecords(certificates, hierarchy, clock, List.of()),
            new ContractProvisioner(),
            Duration.ofDays(60),
            clock);
    var oem = new OemPki("Test OEM", "secp256r1");
    vehicleCertificate = oem.vehicle(PCID).certificate();
    store.addProvisioning(
        new ProvisioningRow(
            PCID,
            "oem-a",
            Suite.ISO15118_2.label(),
            vehicleCertificate.getEncoded(),
            oem.sub2.getEncoded(),
            oem.sub1.getEncoded(),
            "oem-root-a",
            vehicleCertificate.getNotAfter().toInstant(),
            "good",
            "oem-a",
            t0),
        null);
  }

  private ContractRow issue(Caller caller, String emaid) {
    return contracts.issue(caller, new Contracts.IssueContract(PCID, emaid, null, 30));
  }

  private static void refusedWith(Runnable call, Refusal refusal) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            RefusedException.class, e -> assertThat(e.refusal()).isEqualTo(refusal));
  }

  @Test
  void aMobilityOperatorIssuesAContractWhoseKeyIsStoredOnlyEncrypted() throws Exception {
    ContractRow contract = issue(MO_X, EMAID);

    assertThat(contract.status(clock.instant())).isEqualTo(ContractState.ACTIVE);
    assertThat(contract.mo()).isEqualTo("mo-x");
    assertThat(contract.oem()).isEqualTo("oem-a");
    assertThat(contract.encryptedPrivateKey()).isNotEmpty();
    assertThat(contract.dhPublicKey()).isNotEmpty();
    var leaf = new X509CertificateHolder(contract.certificate());
    assertThat(leaf.getSubject().toString()).contains("CN=" + EMAID).contains("O=MO X");
    assertThat(contract.issuerId()).isEqualTo("mo-sub-ca-2");
    assertThat(store.contracts(EMAID, PCID)).hasSize(1);
  }

  @Test
  void anEmaidHasOneLiveContractWhileTheVehicleMayHoldOtherOperatorsContracts() {
    issue(MO_X, EMAID);

    refusedWith(() -> issue(MO_X, EMAID), Refusal.CONTRACT_EXISTS);
    String other = Emaid.allocate("DE", "MOY", "C0NTRACT1").value();
    assertThat(issue(MO_Y, other).mo()).isEqualTo("mo-y");
    assertThat(store.contracts(EMAID, PCID)).hasSize(1);
    assertThat(store.contracts(other, PCID)).hasSize(1);
  }

  @Test
  void anOperatorIssuesOnlyEmaidsOfItsOwnProviderIds() {
    refusedWith(() -> issue(MO_Y, EMAID), Refusal.FORBIDDEN);
    assertThat(certificates.rows()).isEmpty();
  }

  @Test
  void aVehicleWhoseOemRootIsNoLongerTrustedGetsNoContract() {
    store.distrust("oem-root-a");
    refusedWith(() -> issue(MO_X, EMAID), Refusal.UNTRUSTED_CHAIN);
    assertThat(certificates.rows()).isEmpty();
  }

  @Test
  void aContractForAnotherIsoVersionThanTheVehiclesKeyIsRefused() {
    refusedWith(
        () ->
            contracts.issue(
                MO_X,
                new Contracts.IssueContract(
                    PCID, EMAID, MessageDefinitions.namespace(Suite.ISO15118_20_P521), null)),
        Refusal.SUITE_MISMATCH);
  }

  @Test
  void aRenewalOpensInTheRenewalWindowAndReplacesTheContract() {
    ContractRow first = contracts.issue(MO_X, new Contracts.IssueContract(PCID, EMAID, null, null));
    refusedWith(
        () -> contracts.update(MO_X, EMAID, PCID, 30, Optional.empty()), Refusal.CONTRACT_NOT_DUE);
    refusedWith(() -> contracts.update(MO_Y, EMAID, PCID, 30, Optional.empty()), Refusal.FORBIDDEN);
    clock.advance(Duration.between(clock.instant(), first.notAfter()).minusDays(30));

    ContractRow renewed = contracts.update(MO_X, EMAID, PCID, 90, Optional.empty());

    assertThat(renewed.id()).isNotEqualTo(first.id());
    assertThat(renewed.replaces()).isEqualTo(first.id());
    assertThat(store.contracts(EMAID, PCID))
        .extracting(c -> c.status(clock.instant()))
        .containsExactly(ContractState.REPLACED, ContractState.ACTIVE);
  }

  @Test
  void revokingAContractRevokesItsCertificateAndEveryUnexpiredOneBefore() {
    issue(MO_X, EMAID);
    contracts.update(MO_X, EMAID, PCID, 90, Optional.empty());

    refusedWith(
        () -> contracts.revoke(MO_Y, EMAID, PCID, RevocationReason.KEY_COMPROMISE),
        Refusal.FORBIDDEN);
    ContractRow revoked = contracts.revoke(MO_X, EMAID, PCID, RevocationReason.KEY_COMPROMISE);

    assertThat(revoked.status(clock.instant())).isEqualTo(ContractState.REVOKED);
    assertThat(certificates.rows()).allSatisfy(r -> assertThat(r.revokedAt()).isNotNull());
    assertThat(certificates.events())
        .filteredOn(e -> e.action().equals("revoke"))
        .hasSize(2)
        .allSatisfy(e -> assertThat(e.detail()).isEqualTo("keyCompromise"));
    refusedWith(
        () -> contracts.revoke(MO_X, EMAID, PCID, RevocationReason.KEY_COMPROMISE),
        Refusal.CONTRACT_NOT_ACTIVE);
  }

  @Test
  void theOperatorAndTheVehiclesOemReadAContractAndNobodyElse() {
    issue(MO_X, EMAID);

    assertThat(contracts.get(MO_X, EMAID, PCID).emaid()).isEqualTo(EMAID);
    assertThat(contracts.get(OEM_A, EMAID, PCID).emaid()).isEqualTo(EMAID);
    assertThat(contracts.get(ADMIN, EMAID, PCID).emaid()).isEqualTo(EMAID);
    refusedWith(() -> contracts.get(MO_Y, EMAID, PCID), Refusal.FORBIDDEN);
    refusedWith(() -> contracts.get(OEM_B, EMAID, PCID), Refusal.FORBIDDEN);
    assertThat(contracts.search(MO_Y, PCID, null, null)).isEmpty();
    assertThat(contracts.search(OEM_A, PCID, null, null)).hasSize(1);
    refusedWith(
        () -> contracts.get(MO_X, Emaid.allocate("DE", "PNC", "C0NTRACT2").value(), PCID),
        Refusal.NOT_FOUND);
  }

  @Test
  void aRetryWithTheSameIdempotencyKeyGetsTheSameContract() {
    var request = new Contracts.IssueContract(PCID, EMAID, null, 30);
    ContractRow first = contracts.issue(MO_X, request, Optional.of("k-1"));
    ContractRow again = contracts.issue(MO_X, request, Optional.of("k-1"));

    assertThat(again.id()).isEqualTo(first.id());
    assertThat(again.serial()).isEqualTo(first.serial());
    assertThat(store.contracts(EMAID, PCID)).hasSize(1);
  }

  /** A clock the test moves forward, e.g. into the renewal window. */
  private static final class MovableClock extends Clock {
    private Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
