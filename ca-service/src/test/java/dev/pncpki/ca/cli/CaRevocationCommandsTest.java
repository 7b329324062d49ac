package dev.pncpki.ca.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import net.sourceforge.argparse4j.inf.Namespace;
import org.junit.jupiter.api.Test;

/** How {@code admin ca-revoke} and {@code admin ca-affected} print the service's answers. */
class CaRevocationCommandsTest {

  private static Namespace args(Object... pairs) {
    Map<String, Object> values = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      values.put((String) pairs[i], pairs[i + 1]);
    }
    return new Namespace(values);
  }

  private static final String REVOKED =
      """
      {"ca":"cpo-sub-ca-2","issuer":"cpo-sub-ca-1","serial":"5a","revokedAt":"2026-12-01T10:00:00Z",
       "reason":"cACompromise","validBelow":{"charging-station-client":12,"secc-leaf":3},
       "affected":"/v1/cas/cpo-sub-ca-2/affected?status=valid","certificate":{"serial":"5a"}}
      """;

  private static final String PAGE =
      """
      {"ca":"cpo-sub-ca-2","status":"revoked","revokedAt":"2026-12-01T10:00:00Z",
       "revocationReason":"cACompromise","validBelow":{"charging-station-client":2},
       "certificates":[
        {"issuer":"cpo-sub-ca-2","serial":"0a","profile":"charging-station-client",
         "subjectCn":"CS-1\\u001b[2J","status":"valid","notAfter":"2027-01-01T00:00:00Z",
         "path":["cpo-sub-ca-2"],"requester":"embedded-bridge"},
        {"issuer":"mo-sub-ca-2","serial":"0b","profile":"contract-leaf","subjectCn":"DEPNCA1B2C3D4E5",
         "status":"valid","notAfter":"2027-01-01T00:00:00Z","path":["mo-sub-ca-2"],
         "requester":"test-mo-x","emaid":"DEPNCA1B2C3D4E5","pcid":"WMA00000000000001"}],
       "next":"mo-sub-ca-2/0b"}
      """;

  @Test
  void aRevocationSaysWhatChainsThroughTheCaAndHowToListIt() {
    String out = new CaRevokeCommand().describe(args(), new ServiceClient.Reply(REVOKED));
    assertThat(out)
        .containsPattern("\nca +cpo-sub-ca-2\n|^ca +cpo-sub-ca-2\n")
        .containsPattern("reason +cACompromise")
        .containsPattern("valid below +12 charging-station-client")
        .containsPattern("valid below +3 secc-leaf")
        .endsWith("list them: bin/pnc-ca admin ca-affected cpo-sub-ca-2 --status valid\n");
    String none =
        new CaRevokeCommand()
            .describe(
                args(), new ServiceClient.Reply(REVOKED.replaceAll("\\{\"charging[^}]*}", "{}")));
    assertThat(none).containsPattern("valid below +none");
  }

  @Test
  void aPageListsStationsAndContractsEscapedAndSaysHowToGetTheNext() {
    String out = new CaAffectedCommand().describe(args(), new ServiceClient.Reply(PAGE));
    assertThat(out.lines().findFirst().orElseThrow())
        .isEqualTo(
            "CA cpo-sub-ca-2: revoked since 2026-12-01T10:00:00Z (cACompromise); valid below:"
                + " {charging-station-client=2}");
    assertThat(out)
        .contains("CS-1\\u001b[2J")
        .doesNotContain("\u001b")
        .contains("DEPNCA1B2C3D4E5  test-mo-x")
        .endsWith("(more: --after mo-sub-ca-2/0b)\n");
    String empty =
        new CaAffectedCommand()
            .describe(
                args(),
                new ServiceClient.Reply(
                    "{\"ca\":\"x\",\"status\":\"valid\",\"validBelow\":{},\"certificates\":[]}"));
    assertThat(empty).isEqualTo("CA x: valid; valid below: none\nno certificate matches\n");
  }
}
