package dev.pncpki.ca.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuditQueryTest {
  private static final Instant T = Instant.parse("2026-05-01T00:00:00Z");

  private static AuditQuery query(Instant since, Instant until, Long before, int limit) {
    return new AuditQuery(null, null, null, since, until, before, limit);
  }

  @Test
  void everyFilterMayBeLeftOutAndAnEmptyRangeIsAllowed() {
    assertThat(query(null, null, null, 1).limit()).isEqualTo(1);
    assertThat(query(T, T, 1L, AuditQuery.MAX_LIMIT).since()).isEqualTo(T);
  }

  @Test
  void eachRefusalStartsWithTheFieldItIsAbout() {
    assertThatThrownBy(() -> query(T.plusSeconds(1), T, null, 10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("since (2026-05-01T00:00:01Z) is after until (2026-05-01T00:00:00Z)");
    assertThatThrownBy(() -> query(null, null, 0L, 10)).hasMessageStartingWith("before ");
    assertThatThrownBy(() -> query(null, null, null, 0))
        .hasMessage("limit must be between 1 and 1000, not 0");
    assertThatThrownBy(() -> query(null, null, null, 1001)).hasMessageStartingWith("limit ");
    assertThatThrownBy(() -> new AuditQuery(" ", null, null, null, null, null, 10))
        .hasMessageStartingWith("actor is empty");
    assertThatThrownBy(() -> new AuditQuery(null, "", null, null, null, null, 10))
        .hasMessageStartingWith("action is empty");
    assertThatThrownBy(() -> new AuditQuery(null, null, "", null, null, null, 10))
        .hasMessageStartingWith("outcome is empty");
  }
}
