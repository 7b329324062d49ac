package dev.pncpki.ca.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pncpki.ca.auth.Caller;
import dev.pncpki.ca.issuance.InMemoryIssuanceStore;
import dev.pncpki.ca.refusal.Refusal;
import dev.pncpki.ca.refusal.RefusedException;
import dev.pncpki.ca.revocation.RevocationReason;
import dev.pncpki.policies.id.Emaid;
import dev.pncpki.policies.profile.Suite;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
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
  private static final Caller MO_X = ContractFixture.MO_X;
  private static final Caller MO_Y = ContractFixture.MO_Y;
  private static final Caller OEM_A = ContractFixture.OEM_A;
  private static final Caller OEM_B = ContractFixture.OEM_B;
  private static final Caller ADMIN = ContractFixture.ADMIN;
  private static final String PCID = ContractFixture.PCID;
  private static final String EMAID = Emaid.allocate("DE", "PNC", "C0NTRACT1").value();

  @TempDir Path dir;
  private ContractFixture.MovableClock clock;
  private InMemoryIssuanceStore certificates;
  private InMemoryContractStore store;
  private Contracts contracts;

  @BeforeEach
  void contracts() throws Exception {
    var fixture = new ContractFixture(dir);
    clock = fixture.clock;
    certificates = fixture.certificates;
    store = fixture.store;
    contracts = fixture.contracts;
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
}
