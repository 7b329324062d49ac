package dev.pncpki.ca.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pncpki.ca.testing.Csrs;
import dev.pncpki.ca.testing.Openssl;
import dev.pncpki.ca.testing.Pkilint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every certificate of the hierarchy, every issuable leaf, a CRL and an OCSP response, run through
 * pkilint's RFC 5280 / RFC 6960 linters. One finding is accepted on purpose: pkilint wants
 * domainComponent values to be DNS domain names, while the V2G PKI marks its certificates with
 * DC=V2G, CPO, MO, OEM or CPS (ISO 15118-2 practice, V2G2-925 for SECC leaves).
 */
class Rfc5280LintIT {
  private static final String ACCEPTED = "pkix.name_domain_components_invalid_domain_name";
  private static final String CONTRACT_KEY_USAGE = "pkix.key_usage_value_prohibited_for_ec";
  @TempDir Path dir;

  private static List<String> findings(List<String> lines) {
    return lines.stream().skip(1).filter(l -> !l.contains(ACCEPTED)).toList();
  }

  @Test
  void certificatesCrlsAndOcspResponsesPassPkilint() throws Exception {
    try (var ca = RunningCa.withSoftwareKeys(dir)) {
      List<String> problems = new ArrayList<>();
      for (var entry : ca.get("/v1/cas", null).json()) {
        String id = entry.path("id").asText();
        String chain = ca.get("/v1/cas/" + id + "/chain", null).body();
        Path pem = dir.resolve(id + ".pem");
        Files.writeString(pem, RunningCa.firstPem(chain));
        findings(Pkilint.lint("lint_pkix_cert", pem)).forEach(f -> problems.add(id + ": " + f));
      }
      Map<String, String> leaves =
          Map.of(
              "secc-leaf", "CN=DE-ICE-S-00003C4D557878675645330967543476-2, O=Demo CPO, C=DE",
              "charging-station-client", "CN=CS-LINT-1, O=Demo CPO",
              "csms-server", "CN=csms.example.test, O=Demo CPO",
              "contract-leaf", "CN=DE8AACA2B3C4D5L, O=Demo MO",
              "oem-provisioning-leaf", "CN=WMIDEMO0000000002, O=Demo OEM");
      String stationSerial = null;
      for (var leaf : leaves.entrySet()) {
        var reply =
            ca.postJson(
                "/v1/certificates",
                RunningCa.ADMIN,
                Map.of("profile", leaf.getKey(), "csr", Csrs.p256(leaf.getValue())));
        assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        Path pem = dir.resolve(leaf.getKey() + ".pem");
        Files.writeString(pem, reply.json().path("certificate").asText());
        boolean contract = leaf.getKey().equals("contract-leaf");
        findings(Pkilint.lint("lint_pkix_cert", pem)).stream()
            .filter(f -> !(contract && f.contains(CONTRACT_KEY_USAGE)))
            .forEach(f -> problems.add(leaf.getKey() + ": " + f));
        if (leaf.getKey().equals("charging-station-client")) {
          stationSerial = reply.json().path("serial").asText();
        }
      }
      ca.postJson(
          "/v1/certificates/" + stationSerial + "/revoke",
          RunningCa.ADMIN,
          Map.of("reason", "keyCompromise"));
      Path crl = dir.resolve("cpo-sub-ca-2.crl");
      Files.write(crl, ca.get("/crl/cpo-sub-ca-2.crl", null).raw().body());
      findings(Pkilint.lint("lint_crl", crl, "-t", "CRL", "-p", "PKIX"))
          .forEach(f -> problems.add("CRL: " + f));

      Path request = dir.resolve("req.der");
      var made =
          Openssl.run(
              "ocsp",
              "-issuer",
              dir.resolve("cpo-sub-ca-2.pem").toString(),
              "-cert",
              dir.resolve("charging-station-client.pem").toString(),
              "-no_nonce",
              "-reqout",
              request.toString());
      assertThat(made.exitCode()).as(made.output()).isZero();
      var response = ca.ocsp("cpo-sub-ca-2", Files.readAllBytes(request));
      Path der = dir.resolve("resp.der");
      Files.write(der, response.raw().body());
      findings(Pkilint.lint("lint_ocsp_response", der)).forEach(f -> problems.add("OCSP: " + f));

      assertThat(problems).as("pkilint findings").isEmpty();
    }
  }
}
