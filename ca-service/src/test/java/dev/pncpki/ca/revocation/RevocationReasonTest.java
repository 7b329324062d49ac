package dev.pncpki.ca.revocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RevocationReasonTest {

  @Test
  void namesFollowRfc5280() {
    assertThat(RevocationReason.KEY_COMPROMISE.rfcName()).isEqualTo("keyCompromise");
    assertThat(RevocationReason.CA_COMPROMISE.rfcName()).isEqualTo("cACompromise");
    assertThat(RevocationReason.AA_COMPROMISE.rfcName()).isEqualTo("aACompromise");
    assertThat(RevocationReason.CESSATION_OF_OPERATION.rfcName()).isEqualTo("cessationOfOperation");
  }

  @Test
  void parsesNamesAndCodesAndRefusesTheRest() {
    assertThat(RevocationReason.parse("keyCompromise")).isEqualTo(RevocationReason.KEY_COMPROMISE);
    assertThat(RevocationReason.parse("cACompromise")).isEqualTo(RevocationReason.CA_COMPROMISE);
    assertThat(RevocationReason.parse("superseded")).isEqualTo(RevocationReason.SUPERSEDED);
    assertThat(RevocationReason.parse("1")).isEqualTo(RevocationReason.KEY_COMPROMISE);
    assertThatThrownBy(() -> RevocationReason.parse("7"))
        .hasMessageContaining("unknown RFC 5280 reason code 7");
    assertThatThrownBy(() -> RevocationReason.parse("bogus"))
        .hasMessageContaining("unknown revocation reason");
  }

  @Test
  void numbersAreOnlyPlainDigits() {
    for (String odd : new String[] {"+1", "-0", "1.0", "01e0", " 1", "1 ", "\u0661", "001"}) {
      assertThatThrownBy(() -> RevocationReason.parse(odd))
          .as(odd)
          .hasMessageStartingWith("unknown revocation reason")
          .hasMessageContaining("keyCompromise");
    }
    assertThat(RevocationReason.parse("04")).isEqualTo(RevocationReason.SUPERSEDED);
  }

  @Test
  void onlyFinalReasonsRevoke() {
    assertThat(RevocationReason.parseForRevocation("superseded"))
        .isEqualTo(RevocationReason.SUPERSEDED);
    assertThat(RevocationReason.parseForRevocation("9"))
        .isEqualTo(RevocationReason.PRIVILEGE_WITHDRAWN);
    assertThatThrownBy(() -> RevocationReason.parseForRevocation("certificateHold"))
        .hasMessageStartingWith("certificateHold is not offered: a revocation here is final");
    assertThatThrownBy(() -> RevocationReason.parseForRevocation("6"))
        .hasMessageStartingWith("certificateHold is not offered");
    assertThatThrownBy(() -> RevocationReason.parseForRevocation("removeFromCRL"))
        .hasMessageContaining("delta CRLs only");
    assertThatThrownBy(() -> RevocationReason.parseForRevocation("aACompromise"))
        .hasMessageContaining("attribute authorities");
  }
}
