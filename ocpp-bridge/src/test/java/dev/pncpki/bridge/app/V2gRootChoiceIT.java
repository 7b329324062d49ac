package dev.pncpki.bridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pncpki.ca.ceremony.Ceremony;
import dev.pncpki.ca.ceremony.CeremonyPlan;
import dev.pncpki.ca.ceremony.CeremonyPlanReader;
import dev.pncpki.ca.ceremony.ExistingHierarchy;
import dev.pncpki.ca.keys.software.SoftwareKeyBackend;
import dev.pncpki.ca.testing.Openssl;
import dev.pncpki.ca.testing.OpensslRootOperator;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CPO with SECC chains under two V2G roots: its own demo root, and an external root operator's
 * made with the openssl command line, which signs the CPO Sub-CA 1 request of the ceremony. Both
 * roots pooled, the stations get their V2G certificates under the root their policy names: the
 * admin pins a root per station through the bridge's API, and without a pin a renewal keeps the
 * root of the station's current leaf. Each leaf is checked with {@code openssl verify -x509_strict}
 * against the one root it must chain to, and fails against the other. On OCPP 2.1 the station names
 * the root itself (SignCertificate hashRootCertificate) and gets its requestId back.
 */
class V2gRootChoiceIT {
  private static final String EXTERNAL =
      """
        - {id: cpo-sub-ca-1-ext, profile: cpo-sub-ca-1, external: true, validityDays: 300,
           subject: {commonName: Demo CPO Sub-CA 1 Ext, organization: Demo CPO, country: DE}}
      """;
  private static final String EXTERNAL_SUB_CA_2 =
      """
        - {id: cpo-sub-ca-2-ext, profile: cpo-sub-ca-2, issuer: cpo-sub-ca-1-ext, validityDays: 200,
           subject: {commonName: Demo CPO Sub-CA 2 Ext, organization: Demo CPO, country: DE}}
      """;

  @TempDir Path dir;

  @Test
  void eachStationGetsItsLeafUnderTheRootItNeeds() throws Exception {
    String demo;
    try (var in = Ceremony.class.getResourceAsStream("/ceremony/demo-hierarchy.yaml")) {
      demo = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    Path plan = Files.writeString(dir.resolve("plan.yaml"), demo + EXTERNAL);
    try (var peers =
        new Peers(dir, false, null, "signing: {certificatesPerWindow: 20}", List.of(), plan)) {
      URI caUrl = URI.create("http://127.0.0.1:" + peers.ca.getLocalPort());
      var operator =
          OpensslRootOperator.create(
              dir.resolve("operator"),
              "/CN=Ext V2G Root CA/O=Ext Root Operator/C=DE",
              "prime256v1");
      Path signed =
          operator.sign(
              dir.resolve("hierarchy/cpo-sub-ca-1-ext.csr"), "v3_sub_ca_1", "signed", 365);
      String external = OpensslRootOperator.sha256(operator.root);
      ceremony()
          .importExternal(read(plan, caUrl), "cpo-sub-ca-1-ext", signed, operator.root, external);
      Files.writeString(plan, demo + EXTERNAL + EXTERNAL_SUB_CA_2);
      ceremony().run(read(plan, caUrl));

      Path ownRoot = dir.resolve("own-root.pem");
      Files.writeString(ownRoot, peers.caAdmin("GET", "/v1/cas/v2g-root/chain", null).body());
      String own = OpensslRootOperator.sha256(ownRoot);
      peers.poolRoot(operator.root, "V2G");
      peers.poolRoot(ownRoot, "V2G");
      peers.restartCa(); // the external chain is used once its root is pooled, from the next start
      BridgeAdmin admin = peers.admin();

      // CS-0001 pinned to the external root
      JsonNode pinned =
          admin.put("/v1/stations/CS-0001/v2g-root", "{\"root\": \"" + external + "\"}", 200);
      assertThat(pinned.path("source").asText()).isEqualTo("pinned");
      assertThat(pinned.path("next").asText()).isEqualTo(hex(external));
      Path leaf = v2g(peers);
      assertThat(verifies(leaf, operator.root)).as("under the external root").isTrue();
      assertThat(verifies(leaf, ownRoot)).isFalse();

      // pinned to the CA's own root
      admin.put("/v1/stations/CS-0001/v2g-root", "{\"root\": \"" + own + "\"}", 200);
      leaf = v2g(peers);
      assertThat(verifies(leaf, ownRoot)).as("under the own root").isTrue();
      assertThat(verifies(leaf, operator.root)).isFalse();

      // without a pin, the renewal keeps the root of the current leaf
      JsonNode unpinned = admin.delete("/v1/stations/CS-0001/v2g-root", 200);
      assertThat(unpinned.path("source").asText()).isEqualTo("current-leaf");
      assertThat(unpinned.path("currentLeaf").asText()).isEqualTo(hex(own));
      leaf = v2g(peers);
      assertThat(verifies(leaf, ownRoot)).isTrue();

      // the admin CLI: the same view and the same pin
      var cli = new BridgeCli(peers.bridge.getLocalPort());
      assertThat(cli.ok("station-v2g-root", "CS-0001"))
          .contains("next V2G certificate under " + hex(own) + " (current-leaf)");
      assertThat(cli.ok("station-v2g-root", "CS-0001", "--pin", external))
          .contains("pinned:        " + hex(external));
      assertThat(cli.ok("station-v2g-root", "CS-0001", "--unpin")).contains("pinned:        -");

      // bad input: not a fingerprint, an unknown station; nothing changes
      admin.put("/v1/stations/CS-0001/v2g-root", "{\"root\": \"12:34\"}", 400);
      admin.put("/v1/stations/NO-SUCH/v2g-root", "{\"root\": \"" + own + "\"}", 404);
      assertThat(admin.get("/v1/stations/CS-0001/v2g-root").path("pinned").isNull()).isTrue();

      // OCPP 2.1: the station names the root in SignCertificate (hashRootCertificate), whatever
      // its pin or current leaf, and its CertificateSigned repeats the requestId
      admin.put("/v1/stations/CS-0001/v2g-root", "{\"root\": \"" + own + "\"}", 200);
      JsonNode named = v21(peers, operator.root, 301);
      assertThat(named.path("signedRequestId").asInt()).isEqualTo(301);
      leaf = Path.of(named.path("out").asText()).resolve("chain.pem");
      assertThat(verifies(leaf, operator.root)).as("named: the external root").isTrue();
      assertThat(verifies(leaf, ownRoot)).isFalse();
      named = v21(peers, ownRoot, 302);
      assertThat(named.path("signedRequestId").asInt()).isEqualTo(302);
      leaf = Path.of(named.path("out").asText()).resolve("chain.pem");
      assertThat(verifies(leaf, ownRoot)).as("named: the own root").isTrue();
      assertThat(verifies(leaf, operator.root)).isFalse();

      // a root that is not pooled: Rejected with a reason, nothing issued
      var stranger =
          OpensslRootOperator.create(
              dir.resolve("stranger"), "/CN=Unpooled V2G Root/O=Nobody/C=DE", "prime256v1");
      long signingRequests = signingRequests(peers);
      JsonNode refused =
          peers.station(
              peers.url(),
              Map.of("CHARGER_HASH_ROOT", stranger.root.toString(), "CHARGER_REQUEST_ID", "303"),
              "CS-0001",
              Peers.PASSWORD,
              "ocpp2.1",
              "v2g",
              Peers.SECC_ID);
      assertThat(refused.path("sign").asText()).isEqualTo("Rejected");
      assertThat(refused.path("reasonCode").asText()).isEqualTo("UnknownRootCert");
      assertThat(refused.path("certificateSigned").asBoolean()).isFalse();
      assertThat(signingRequests(peers)).as("nothing recorded").isEqualTo(signingRequests);

      // the requestId of an earlier CSR again, with another CSR: Rejected, nothing issued
      JsonNode reused =
          peers.station(
              peers.url(),
              Map.of("CHARGER_HASH_ROOT", ownRoot.toString(), "CHARGER_REQUEST_ID", "301"),
              "CS-0001",
              Peers.PASSWORD,
              "ocpp2.1",
              "v2g",
              Peers.SECC_ID);
      assertThat(reused.path("sign").asText()).isEqualTo("Rejected");
      assertThat(reused.path("reasonCode").asText()).isEqualTo("DuplicateRequestId");
      assertThat(signingRequests(peers)).isEqualTo(signingRequests);
    }
  }

  /** CS-0001's V2G certificate on OCPP 2.1, naming {@code root}, with {@code requestId}. */
  private static JsonNode v21(Peers peers, Path root, int requestId) throws Exception {
    JsonNode result =
        peers.station(
            peers.url(),
            Map.of(
                "CHARGER_HASH_ROOT",
                root.toString(),
                "CHARGER_REQUEST_ID",
                Integer.toString(requestId)),
            "CS-0001",
            Peers.PASSWORD,
            "ocpp2.1",
            "v2g",
            Peers.SECC_ID);
    assertThat(result.path("sign").asText()).as(result.toString()).isEqualTo("Accepted");
    assertThat(result.path("certificateSigned").asBoolean()).as(result.toString()).isTrue();
    return result;
  }

  /** How many CertificateSigned deliveries CS-0001 has (of its last 20, as the admin API shows). */
  private static long signingRequests(Peers peers) throws Exception {
    long count = 0;
    for (JsonNode d : peers.admin().get("/v1/stations/CS-0001").path("deliveries")) {
      count += d.path("action").asText().equals("CertificateSigned") ? 1 : 0;
    }
    return count;
  }

  private Ceremony ceremony() {
    return new Ceremony(
        new SoftwareKeyBackend(dir.resolve("keys"), "test".toCharArray()),
        dir.resolve("hierarchy"),
        Clock.systemUTC(),
        new SecureRandom());
  }

  private CeremonyPlan read(Path plan, URI caUrl) {
    return CeremonyPlanReader.read(
        plan, caUrl, ExistingHierarchy.read(dir.resolve("hierarchy"), Instant.now()));
  }

  /** The V2G certificate CS-0001 gets through the bridge; its chain file. */
  private static Path v2g(Peers peers) throws Exception {
    JsonNode result = peers.station("CS-0001", Peers.PASSWORD, "ocpp2.0.1", "v2g", Peers.SECC_ID);
    assertThat(result.path("certificateSigned").asBoolean()).as(result.toString()).isTrue();
    return Path.of(result.path("out").asText()).resolve("chain.pem");
  }

  /** Whether openssl verifies the chain's leaf against {@code root} alone (-x509_strict). */
  static boolean verifies(Path chainFile, Path root) throws Exception {
    String chain = Files.readString(chainFile);
    int second = chain.indexOf("-----BEGIN CERTIFICATE-----", 1);
    Path leaf = Files.writeString(chainFile.resolveSibling("leaf.pem"), chain.substring(0, second));
    Path rest =
        Files.writeString(chainFile.resolveSibling("untrusted.pem"), chain.substring(second));
    var result =
        Openssl.run(
            "verify",
            "-x509_strict",
            "-purpose",
            "any",
            "-CAfile",
            root.toString(),
            "-untrusted",
            rest.toString(),
            leaf.toString());
    return result.exitCode() == 0 && result.output().contains(": OK");
  }

  private static String hex(String opensslFingerprint) {
    return opensslFingerprint.replace(":", "").toLowerCase(java.util.Locale.ROOT);
  }
}
