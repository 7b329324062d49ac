package dev.pncpki.ca.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pncpki.ca.refusal.Refusal;
import org.junit.jupiter.api.Test;

class ProblemStatusTest {

  @Test
  void everyRefusalIsA4xxButTheServersOwnErrorAndTheDependenciesThatAreDown() {
    var fives =
        java.util.EnumSet.of(
            Refusal.INTERNAL_ERROR,
            Refusal.ISO15118_NOT_CONFIGURED,
            Refusal.CRL_BUSY,
            Refusal.KEY_BACKEND_UNAVAILABLE,
            Refusal.DATABASE_UNAVAILABLE);
    for (Refusal r : Refusal.values()) {
      if (fives.contains(r)) {
        assertThat(ProblemStatus.of(r))
            .as(r.code())
            .isEqualTo(r == Refusal.INTERNAL_ERROR ? 500 : 503);
      } else {
        assertThat(ProblemStatus.of(r)).as(r.code()).isBetween(400, 499);
      }
    }
  }

  @Test
  void theStatusesAreTheOnesTheApiHasAlwaysAnswered() {
    assertThat(ProblemStatus.of(Refusal.MALFORMED_REQUEST)).isEqualTo(400);
    assertThat(ProblemStatus.of(Refusal.UNAUTHENTICATED)).isEqualTo(401);
    assertThat(ProblemStatus.of(Refusal.FORBIDDEN)).isEqualTo(403);
    assertThat(ProblemStatus.of(Refusal.NOT_FOUND)).isEqualTo(404);
    assertThat(ProblemStatus.of(Refusal.METHOD_NOT_ALLOWED)).isEqualTo(405);
    assertThat(ProblemStatus.of(Refusal.NOT_ACCEPTABLE)).isEqualTo(406);
    assertThat(ProblemStatus.of(Refusal.ALREADY_REVOKED)).isEqualTo(409);
    assertThat(ProblemStatus.of(Refusal.PAYLOAD_TOO_LARGE)).isEqualTo(413);
    assertThat(ProblemStatus.of(Refusal.UNSUPPORTED_MEDIA_TYPE)).isEqualTo(415);
    assertThat(ProblemStatus.of(Refusal.NOT_A_ROOT)).isEqualTo(422);
    assertThat(ProblemStatus.of(Refusal.ROOT_ALREADY_POOLED)).isEqualTo(409);
  }

  @Test
  void aDependencyThatIsDownIsA503AndAStateConflictA409() {
    assertThat(ProblemStatus.of(Refusal.KEY_BACKEND_UNAVAILABLE)).isEqualTo(503);
    assertThat(ProblemStatus.of(Refusal.CRL_BUSY)).isEqualTo(503);
    assertThat(ProblemStatus.of(Refusal.CONTRACT_BUSY)).isEqualTo(409);
    assertThat(ProblemStatus.of(Refusal.UNTRUSTED_CHAIN)).isEqualTo(422);
  }
}
