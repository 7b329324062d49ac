package dev.pncpki.ca.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import net.sourceforge.argparse4j.inf.Namespace;
import org.junit.jupiter.api.Test;

/** What {@code admin audit} asks for and how it prints the answer; no server needed. */
class AuditCommandTest {
  private final AuditCommand command = new AuditCommand();

  private static Namespace args(Object... pairs) {
    Map<String, Object> values = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      values.put((String) pairs[i], pairs[i + 1]);
    }
    return new Namespace(values);
  }

  private static final String TWO_EVENTS =
      """
      [{"id":42,"at":"2026-05-01T10:00:01.5Z","actor":"test-admin","action":"revoke",
        "target":"cpo-sub-ca-2/0a","outcome":"revoked","detail":"keyCompromise","hash":"ab"},
       {"id":41,"at":"2026-05-01T10:00:00Z","actor":"test-bridge","action":"refused",
        "target":null,"outcome":"forbidden","detail":"only admins\\u001b[2J","hash":"cd"}]
      """;

  @Test
  void filtersBecomeQueryParametersWithTimesAsInstants() {
    Map<String, Object> query =
        AuditCommand.query(
            args("actor", "test-admin", "since", "2026-05-01", "limit", 10, "before", 99L));
    assertThat(query)
        .containsEntry("actor", "test-admin")
        .containsEntry("since", Instant.parse("2026-05-01T00:00:00Z"))
        .containsEntry("until", null)
        .containsEntry("limit", 10)
        .containsEntry("before", 99L);
  }

  @Test
  void badTimesAreErrorsBeforeAnythingIsSent() {
    assertThatThrownBy(() -> AuditCommand.query(args("since", "last week")))
        .isInstanceOfSatisfying(CliFailure.class, f -> assertThat(ExitCode.of(f)).isEqualTo(1))
        .hasMessageStartingWith("--since must be an instant");
    assertThatThrownBy(
            () -> AuditCommand.query(args("since", "2026-05-02", "until", "2026-05-01T00:00:00Z")))
        .hasMessage("--since 2026-05-02T00:00:00Z is after --until 2026-05-01T00:00:00Z");
  }

  @Test
  void printsATableNewestFirstWithControlCharactersEscaped() {
    String out = command.describe(args("limit", 100), new ServiceClient.Reply(TWO_EVENTS));
    assertThat(out.lines().toList())
        .hasSize(3)
        .first()
        .asString()
        .matches("ID +AT +ACTOR +ACTION +TARGET +OUTCOME +DETAIL");
    assertThat(out)
        .contains("42  2026-05-01T10:00:01.500Z  test-admin")
        .contains("forbidden  only admins\\u001b[2J")
        .doesNotContain("\u001b");
  }

  @Test
  void aFullPageSaysHowToGetTheOlderOnes() {
    String full = command.describe(args("limit", 2), new ServiceClient.Reply(TWO_EVENTS));
    assertThat(full).endsWith("(older events: --before 41)\n");
    assertThat(command.describe(args("limit", 5), new ServiceClient.Reply("[]")))
        .isEqualTo("no audit event matches\n");
  }
}
