package dev.pncpki.ca.ceremony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CeremonyPlanReaderTest {
  @TempDir Path dir;
  private static final java.net.URI PUBLIC_URL = java.net.URI.create("http://127.0.0.1:8080");

  private static final String ROOT =
      "  - {id: r, profile: v2g-root, validityDays: 3650, subject: {commonName: Root, organization: O, country: DE}}\n";

  private CeremonyPlan read(String yaml) throws Exception {
    Path file = dir.resolve("plan.yaml");
    Files.writeString(file, yaml);
    return CeremonyPlanReader.read(file, PUBLIC_URL);
  }

  @Test
  void readsTheBundledDemoPlan() throws Exception {
    try (var in = getClass().getResourceAsStream("/ceremony/demo-hierarchy.yaml")) {
      CeremonyPlan plan = read(new String(in.readAllBytes()));
      assertThat(plan.certificates()).hasSize(37);
      assertThat(plan.ocspUrl("cpo-sub-ca-2"))
          .hasToString("http://127.0.0.1:8080/ocsp/cpo-sub-ca-2");
      assertThat(plan.crlUrl("cpo-sub-ca-2"))
          .hasToString("http://127.0.0.1:8080/crl/cpo-sub-ca-2.crl");
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          unknown profile | profile: cpo-sub-ca-3 | unknown profile "cpo-sub-ca-3"; known: v2g-root
          missing validity | validityDays: | required field "validityDays" is missing
          missing profile | profile: | required field "profile" is missing
          wrong curve | curve: secp384r1 | curve "secp384r1" does not fit profile cpo-sub-ca-1, which needs secp256r1
          unknown issuer | issuer: nobody | issuer "nobody" is not defined before it
          wrong chain shape | profile: cpo-sub-ca-2 | v2g-root cannot issue cpo-sub-ca-2
          outlives issuer | validityDays: 4000 | validityDays 4000 outlasts issuer r (3650)
          bad id | id: Sub_1 | id "Sub_1" must be 1..59 of a-z, 0-9 and '-'
          """)
  void rejectsABadEntryWithOneClearLine(String name, String override, String expected) {
    String key = override.substring(0, override.indexOf(':'));
    String value = override.substring(override.indexOf(':') + 1).trim();
    var fields = new java.util.LinkedHashMap<String, String>();
    fields.put("id", "s1");
    fields.put("profile", "cpo-sub-ca-1");
    fields.put("issuer", "r");
    fields.put("validityDays", "1460");
    fields.put("curve", "secp256r1");
    fields.put(key, value);
    StringBuilder entry = new StringBuilder("  - {");
    fields.forEach((k, v) -> entry.append(v.isEmpty() ? "" : k + ": " + v + ", "));
    entry.append("subject: {commonName: Sub, organization: O, country: DE}}\n");
    assertThatThrownBy(() -> read("certificates:\n" + ROOT + entry))
        .isInstanceOf(CeremonyException.class)
        .hasMessageContaining("plan.yaml: certificates[1]")
        .hasMessageContaining(expected)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void theUrlsAreUnderTheCasPublicUrl() throws Exception {
    assertThat(read("certificates:\n" + ROOT).baseUrl()).isEqualTo(PUBLIC_URL);
    assertThat(read("baseUrl: http://127.0.0.1:8080\ncertificates:\n" + ROOT).crlUrl("r"))
        .hasToString("http://127.0.0.1:8080/crl/r.crl");
    // a plan naming another address would put URLs into certificates that this CA does not serve
    assertThatThrownBy(() -> read("baseUrl: http://127.0.0.1:9090\ncertificates:\n" + ROOT))
        .isInstanceOf(CeremonyException.class)
        .hasMessage(
            "plan.yaml: baseUrl http://127.0.0.1:9090 is not the CA's public URL"
                + " http://127.0.0.1:8080; leave baseUrl out of the plan, or set publicUrl in the"
                + " configuration to it");
  }

  @Test
  void rejectsUnknownFieldsAndMissingSections() {
    assertThatThrownBy(() -> read("certficates: []\n"))
        .isInstanceOf(CeremonyException.class)
        .hasMessageContaining("unknown field \"certficates\"");
    assertThatThrownBy(() -> read("baseUrl: http://x.test/\ncertificates:\n" + ROOT))
        .hasMessageContaining("without a trailing slash");
    assertThatThrownBy(() -> read("suite: iso15118-3\ncertificates:\n" + ROOT))
        .hasMessageContaining("unknown suite \"iso15118-3\"");
    assertThatThrownBy(() -> read("suite: iso15118-2\n"))
        .hasMessageContaining("\"certificates\" is missing or empty");
    assertThatThrownBy(() -> read("certificates:\n" + ROOT + ROOT))
        .hasMessageContaining("id \"r\" is used twice");
    assertThatThrownBy(() -> read("baseUrl: [unclosed\n")).isInstanceOf(CeremonyException.class);
    assertThatThrownBy(() -> CeremonyPlanReader.read(dir.resolve("missing.yaml"), PUBLIC_URL))
        .hasMessageEndingWith("missing.yaml: no such file");
  }
}
