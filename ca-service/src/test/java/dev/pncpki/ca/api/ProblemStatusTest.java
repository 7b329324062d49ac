package dev.pncpki.ca.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pncpki.ca.refusal.Refusal;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ProblemStatusTest {

  @Test
  void everyRefusalACallerCanCauseIsA4xxAndOnlyTheServerItselfA500() {
    assertThat(Arrays.stream(Refusal.values()).filter(r -> ProblemStatus.of(r) == 500))
        .containsExactly(Refusal.INTERNAL_ERROR);
    assertThat(Refusal.values())
        .allSatisfy(r -> assertThat(ProblemStatus.of(r)).isBetween(400, 503));
  }

  @Test
  void aDependencyThatIsDownIsA503AndAStateConflictA409() {
    assertThat(ProblemStatus.of(Refusal.KEY_BACKEND_UNAVAILABLE)).isEqualTo(503);
    assertThat(ProblemStatus.of(Refusal.CRL_BUSY)).isEqualTo(503);
    assertThat(ProblemStatus.of(Refusal.CONTRACT_BUSY)).isEqualTo(409);
    assertThat(ProblemStatus.of(Refusal.UNTRUSTED_CHAIN)).isEqualTo(422);
  }
}
