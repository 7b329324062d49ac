package dev.pncpki.ca.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pncpki.ca.ceremony.Ceremony;
import dev.pncpki.ca.ceremony.CeremonyPlanReader;
import dev.pncpki.ca.ceremony.ExistingHierarchy;
import dev.pncpki.ca.keys.software.SoftwareKeyBackend;
import dev.pncpki.ca.testing.Csrs;
import dev.pncpki.ca.testing.FreePorts;
import dev.pncpki.ca.testing.Openssl;
import dev.pncpki.ca.testing.OpensslRootOperator;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CPO whose SECC certificates must chain to a V2G root that vehicles trust: the ceremony makes
 * the CPO Sub-CA 1 key and request, an external root operator on the openssl command line signs it,
 * ceremony-import checks and takes it in, the ceremony adds a Sub-CA 2 under it; the CA uses the
 * chain only once the operator's root is in its pool, and then issues SECC certificates that
 * openssl verifies (-x509_strict) against that root alone. Its own demo chain lives beside it.
 */
class ExternalRootIT {
  private static final String OWN_AND_EXTERNAL =
      """
      certificates:
        - {id: v2g-root, profile: v2g-root, validityDays: 3650,
           subject: {commonName: Own V2G Root, organization: Demo CPO, country: DE}}
        - {id: cpo-sub-ca-1, profile: cpo-sub-ca-1, issuer: v2g-root, validityDays: 1000,
           subject: {commonName: Own CPO Sub-CA 1, organization: Demo CPO, country: DE}}
        - {id: cpo-sub-ca-2, profile: cpo-sub-ca-2, issuer: cpo-sub-ca-1, validityDays: 700,
           subject: {commonName: Own CPO Sub-CA 2, organization: Demo CPO, country: DE}}
        - {id: cpo-sub-ca-1-ext, profile: cpo-sub-ca-1, external: true, validityDays: 300,
           subject: {commonName: Demo CPO Sub-CA 1 Ext, organization: Demo CPO, country: DE}}
      """;
  private static final String SUB_CA_2_EXT =
      """
        - {id: cpo-sub-ca-2-ext, profile: cpo-sub-ca-2, issuer: cpo-sub-ca-1-ext, validityDays: 200,
           subject: {commonName: Demo CPO Sub-CA 2 Ext, organization: Demo CPO, country: DE}}
      """;

  @TempDir Path dir;

  private Ceremony ceremony() {
    return new Ceremony(
        new SoftwareKeyBackend(dir.resolve("keys"), "test".toCharArray()),
        dir.resolve("hierarchy"),
        Clock.systemUTC(),
        new SecureRandom());
  }

  private dev.pncpki.ca.ceremony.CeremonyPlan plan(String yaml, URI url) throws Exception {
    Path file = Files.writeString(dir.resolve("plan-" + System.nanoTime() + ".yaml"), yaml);
    return CeremonyPlanReader.read(
        file, url, ExistingHierarchy.read(dir.resolve("hierarchy"), Instant.now()));
  }

  @Test
  void aSeccCertificateChainsToTheExternalRootOnceTheRootIsPooled() throws Exception {
    int port = FreePorts.next();
    URI url = URI.create("http://127.0.0.1:" + port);
    var first = ceremony().run(plan(OWN_AND_EXTERNAL, url));
    Path request =
        first.stream()
            .filter(o -> o.request().isPresent())
            .findFirst()
            .orElseThrow()
            .request()
            .get();
    var operator =
        OpensslRootOperator.create(
            dir.resolve("operator"),
            "/CN=Ext V2G Root CA/O=Ext Root Operator/C=DE/DC=V2G",
            "prime256v1");
    Path signed = operator.sign(request, "v3_sub_ca_1", "signed", 365);
    String fingerprint = OpensslRootOperator.sha256(operator.root);

    // a wrong fingerprint, a chain without the root: refused, nothing written
    assertThatThrownBy(
            () ->
                ceremony()
                    .importExternal(
                        plan(OWN_AND_EXTERNAL, url),
                        "cpo-sub-ca-1-ext",
                        signed,
                        operator.root,
                        "00".repeat(32)))
        .hasMessageContaining("not the confirmed");
    assertThatThrownBy(
            () ->
                ceremony()
                    .importExternal(
                        plan(OWN_AND_EXTERNAL, url),
                        "cpo-sub-ca-1-ext",
                        signed,
                        signed,
                        fingerprint))
        .hasMessageContaining("does not reach a root");
    assertThat(Files.exists(dir.resolve("hierarchy/cpo-sub-ca-1-ext.pem"))).isFalse();

    var written =
        ceremony()
            .importExternal(
                plan(OWN_AND_EXTERNAL, url),
                "cpo-sub-ca-1-ext",
                signed,
                operator.root,
                fingerprint);
    assertThat(written).last().isEqualTo("cpo-sub-ca-1-ext");
    ceremony().run(plan(OWN_AND_EXTERNAL + SUB_CA_2_EXT, url));
    assertThat(Files.exists(dir.resolve("hierarchy/cpo-sub-ca-2-ext.pem"))).isTrue();

    String connector = "{type: http, bindHost: 127.0.0.1, port: " + port + "}";
    String csr = Csrs.p256("CN=DE-ICE-S-00003C4D557878675645330967543476-2, O=Demo CPO, C=DE");
    Map<String, Object> secc =
        Map.of("profile", "secc-leaf", "csr", csr, "issuer", "cpo-sub-ca-2-ext");
    try (var ca =
        new RunningCa(
            dir, RunningCa.softwareKeys(dir), false, connector, "", HttpClient.newHttpClient())) {
      var before = ca.postJson("/v1/certificates", RunningCa.ADMIN, secc);
      assertThat(before.status())
          .as("not used before its root is pooled: " + before.body())
          .isEqualTo(400);
      assertThat(before.json().path("code").asText()).isEqualTo("unknown-issuer");
      String der =
          Base64.getEncoder()
              .encodeToString(
                  Base64.getMimeDecoder()
                      .decode(
                          Files.readString(operator.root)
                              .replace("-----BEGIN CERTIFICATE-----", "")
                              .replace("-----END CERTIFICATE-----", "")));
      var pooled =
          ca.send(
              "PUT",
              "/v1/root/rootCerts",
              RunningCa.ADMIN,
              "application/json",
              RunningCa.JSON.writeValueAsBytes(
                  Map.of("caCertificate", der, "rootType", "V2G", "fingerprint", fingerprint)));
      assertThat(pooled.status()).as(pooled.body()).isEqualTo(200);
    }
    try (var ca =
        new RunningCa(
            dir, RunningCa.softwareKeys(dir), false, connector, "", HttpClient.newHttpClient())) {
      // without naming a CA: the station's root picks the chain
      var issued =
          ca.postJson(
              "/v1/certificates",
              RunningCa.ADMIN,
              Map.of("profile", "secc-leaf", "csr", csr, "root", fingerprint));
      assertThat(issued.status()).as(issued.body()).isEqualTo(201);
      Path leaf =
          Files.writeString(dir.resolve("secc.pem"), issued.json().path("certificate").asText());
      Path untrusted =
          Files.writeString(dir.resolve("secc-chain.pem"), issued.json().path("chain").asText());
      var verify =
          Openssl.run(
              "verify",
              "-x509_strict",
              "-CAfile",
              operator.root.toString(),
              "-untrusted",
              untrusted.toString(),
              leaf.toString());
      assertThat(verify.output()).contains(leaf + ": OK");
      assertThat(issued.json().path("root").asText())
          .contains(Files.readString(operator.root).lines().skip(1).findFirst().orElseThrow());

      // the own chain still issues beside it, under the own root
      String ownRoot = OpensslRootOperator.sha256(dir.resolve("hierarchy/v2g-root.pem"));
      var own =
          ca.postJson(
              "/v1/certificates",
              RunningCa.ADMIN,
              Map.of(
                  "profile",
                  "secc-leaf",
                  "csr",
                  Csrs.p256("CN=DE-ICE-S-00003C4D557878675645330967543477-3, O=Demo CPO, C=DE"),
                  "root",
                  ownRoot));
      assertThat(own.status()).as(own.body()).isEqualTo(201);
      assertThat(own.json().path("issuer").asText()).isEqualTo("cpo-sub-ca-2");
      var unknown =
          ca.postJson(
              "/v1/certificates",
              RunningCa.ADMIN,
              Map.of("profile", "secc-leaf", "csr", csr, "root", "ab".repeat(32)));
      assertThat(unknown.status()).isEqualTo(400);
      assertThat(unknown.json().path("code").asText()).isEqualTo("unknown-issuer");
    }
  }
}
