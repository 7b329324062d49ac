package dev.pncpki.ca.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pncpki.ca.contract.ContractRow;
import dev.pncpki.ca.contract.ContractState;
import dev.pncpki.ca.issuance.IssuanceState;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The issuance state machine and the contract states derived from it. */
class IssuanceStateTest {
  private static final Instant NOW = Instant.parse("2026-01-10T12:00:00Z");

  @Test
  void pendingMovesOnceToAFinalState() {
    assertThat(IssuanceState.PENDING.canBecome(IssuanceState.ISSUED)).isTrue();
    assertThat(IssuanceState.PENDING.canBecome(IssuanceState.FAILED)).isTrue();
    assertThat(IssuanceState.PENDING.canBecome(IssuanceState.PENDING)).isFalse();
    for (IssuanceState done : new IssuanceState[] {IssuanceState.ISSUED, IssuanceState.FAILED}) {
      assertThat(done.isFinal()).isTrue();
      for (IssuanceState next : IssuanceState.values()) {
        assertThat(done.canBecome(next)).as(done + " -> " + next).isFalse();
      }
    }
  }

  @Test
  void labelsAreTheDatabaseWords() {
    for (IssuanceState s : IssuanceState.values()) {
      assertThat(IssuanceState.of(s.label())).isEqualTo(s);
    }
    assertThat(IssuanceState.of("failed")).isEqualTo(IssuanceState.FAILED);
    assertThat(IssuanceState.of(null)).isNull();
    assertThat(ContractState.REPLACED.label()).isEqualTo("replaced");
  }

  private static ContractRow contract(
      IssuanceState certificate, Instant revoked, Long replacedBy, IssuanceState replacement) {
    return new ContractRow(
        1,
        "DEPNCC0NTRACT12",
        "WMA0000001",
        "mo",
        "oem",
        "iso15118-2",
        "ca",
        "01",
        new byte[0],
        new byte[0],
        null,
        replacedBy,
        NOW,
        certificate,
        null,
        NOW.plusSeconds(3600),
        revoked,
        replacement);
  }

  @Test
  void aContractFollowsItsIssuanceThenItsCertificate() {
    assertThat(contract(IssuanceState.PENDING, null, null, null).status(NOW))
        .isEqualTo(ContractState.PENDING);
    assertThat(contract(IssuanceState.FAILED, null, null, null).status(NOW))
        .isEqualTo(ContractState.FAILED);
    assertThat(contract(IssuanceState.ISSUED, null, null, null).status(NOW))
        .isEqualTo(ContractState.ACTIVE);
    assertThat(contract(IssuanceState.ISSUED, NOW, null, null).status(NOW))
        .isEqualTo(ContractState.REVOKED);
    assertThat(contract(IssuanceState.ISSUED, null, null, null).status(NOW.plusSeconds(7200)))
        .isEqualTo(ContractState.EXPIRED);
  }

  @Test
  void aRenewalReplacesTheContractOnlyOnceIssued() {
    assertThat(contract(IssuanceState.ISSUED, null, 2L, IssuanceState.PENDING).status(NOW))
        .isEqualTo(ContractState.ACTIVE);
    assertThat(contract(IssuanceState.ISSUED, null, 2L, IssuanceState.FAILED).status(NOW))
        .as("a renewal failed by crash recovery leaves the contract active")
        .isEqualTo(ContractState.ACTIVE);
    assertThat(contract(IssuanceState.ISSUED, null, 2L, IssuanceState.ISSUED).status(NOW))
        .isEqualTo(ContractState.REPLACED);
  }
}
