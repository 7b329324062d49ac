package dev.pncpki.ca.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.sourceforge.argparse4j.ArgumentParsers;
import net.sourceforge.argparse4j.inf.ArgumentParserException;
import org.junit.jupiter.api.Test;

/** Which failure ends the process with which status; no server needed. */
class ExitCodeTest {

  private static int of(int status, String body) {
    return ExitCode.of(ProblemLine.of(status, body));
  }

  @Test
  void aProblemWithA4xxStatusIsARefusal() {
    assertThat(of(404, "{\"code\":\"not-found\",\"detail\":\"no such serial\"}")).isEqualTo(2);
    assertThat(of(403, "{\"code\":\"forbidden\",\"detail\":\"admins only\"}")).isEqualTo(2);
    assertThat(of(401, "{\"code\":\"unauthenticated\"}")).isEqualTo(2);
    assertThat(of(400, "{\"code\":\"malformed-request\"}")).isEqualTo(2);
    assertThat(of(409, "{\"code\":\"already-revoked\"}")).isEqualTo(2);
    assertThat(of(422, "{\"code\":\"untrusted-chain\"}")).isEqualTo(2);
  }

  @Test
  void serverErrorsAndAnswersWithoutAProblemAreErrors() {
    assertThat(of(503, "{\"code\":\"database-unavailable\"}")).isEqualTo(1);
    assertThat(of(500, "")).isEqualTo(1);
    // a proxy's page or Dropwizard's own body: not the service's refusal
    assertThat(of(404, "<html>Not Found</html>")).isEqualTo(1);
    assertThat(of(405, "{\"code\":405,\"message\":\"HTTP 405 Method Not Allowed\"}")).isEqualTo(1);
  }

  @Test
  void localFailuresAndForeignExceptionsAreErrors() {
    assertThat(ExitCode.of(new CliFailure("cannot reach http://127.0.0.1:1"))).isEqualTo(1);
    assertThat(ExitCode.of(new IllegalStateException("a bug"))).isEqualTo(1);
    ArgumentParserException badArguments =
        new ArgumentParserException(
            "unrecognized arguments: --nope", ArgumentParsers.newFor("x").build());
    assertThat(ExitCode.of(badArguments)).isEqualTo(1);
  }

  @Test
  void aBrokenAuditChainIsANegativeCheckAndAnAnswerWithoutTheResultAnError() {
    var verb = new VerifyAuditCommand();
    var broken = new ServiceClient.Reply("{\"intact\":false,\"events\":3,\"firstProblem\":\"x\"}");
    assertThatThrownBy(() -> verb.check(broken))
        .isInstanceOfSatisfying(CliFailure.class, f -> assertThat(ExitCode.of(f)).isEqualTo(3));
    var silent = new ServiceClient.Reply("{\"events\":3}");
    assertThatThrownBy(() -> verb.check(silent))
        .isInstanceOfSatisfying(CliFailure.class, f -> assertThat(ExitCode.of(f)).isEqualTo(1));
    verb.check(new ServiceClient.Reply("{\"intact\":true,\"events\":3}"));
  }
}
