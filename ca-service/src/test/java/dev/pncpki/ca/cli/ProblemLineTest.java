package dev.pncpki.ca.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProblemLineTest {

  private static String line(int status, String body) {
    return CliFailure.lineFor(ProblemLine.of(status, body));
  }

  @Test
  void aProblemBecomesItsCodeAndDetail() {
    assertThat(
            line(
                404,
                """
                {"type":"urn:pnc-pki:problem:not-found","title":"Not found","status":404,
                 "code":"not-found","detail":"no certificate with serial 0bad"}
                """))
        .isEqualTo("error: not-found: no certificate with serial 0bad");
  }

  @Test
  void violationsTheDetailDoesNotNameAreAppended() {
    assertThat(
            line(
                400,
                """
                {"code":"profile-violation","detail":"breaks secc-leaf: CN too long",
                 "violations":["CN too long","no DC=CPO"]}
                """))
        .isEqualTo("error: profile-violation: breaks secc-leaf: CN too long (no DC=CPO)");
  }

  @Test
  void aMultiLineDetailStaysOnOneLine() {
    assertThat(line(400, "{\"code\":\"bad-csr\",\"detail\":\"first\\n  second\"}"))
        .isEqualTo("error: bad-csr: first second");
  }

  @Test
  void withoutDetailTheTitleIsUsed() {
    assertThat(line(401, "{\"code\":\"unauthenticated\",\"title\":\"Missing credential\"}"))
        .isEqualTo("error: unauthenticated: Missing credential");
  }

  @Test
  void dropwizardsOwnErrorBodyAndNonJsonAnswers() {
    assertThat(line(405, "{\"code\":405,\"message\":\"HTTP 405 Method Not Allowed\"}"))
        .isEqualTo("error: HTTP 405: HTTP 405 Method Not Allowed");
    assertThat(line(502, "<html>Bad Gateway</html>")).isEqualTo("error: HTTP 502 from the service");
    assertThat(line(500, "")).isEqualTo("error: HTTP 500 from the service");
  }
}
