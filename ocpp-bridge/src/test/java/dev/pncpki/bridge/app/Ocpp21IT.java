package dev.pncpki.bridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pncpki.ca.testing.Openssl;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OCPP 2.1 certificate management against a Python ocpp v2.1 station (its own schema validation
 * on): the ISO 15118-20 SECC certificate (V2G20Certificate) on a P-521 key from the CA's P-521 CPO
 * chain, under the V2G root the station names (hashRootCertificate), with its requestId back; and
 * the CSMS's SignV2G20Certificate trigger, which renews it apart from the ISO 15118-2 one. Each
 * leaf is checked with {@code openssl verify -x509_strict} against the one root it must reach.
 */
class Ocpp21IT {
  @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.NEVER)
  static Path dir;

  static Peers peers;
  static Path p521Root;
  static Path p256Root;

  @BeforeAll
  static void start() throws Exception {
    peers = new Peers(dir);
    p521Root =
        Files.writeString(
            dir.resolve("v2g-root-p521.pem"),
            peers.caAdmin("GET", "/v1/cas/v2g-root-p521/chain", null).body());
    p256Root =
        Files.writeString(
            dir.resolve("v2g-root.pem"),
            peers.caAdmin("GET", "/v1/cas/v2g-root/chain", null).body());
  }

  @AfterAll
  static void stop() {
    if (peers != null) {
      peers.close();
    }
  }

  @Test
  void anIso15118Dash20SeccCertificateComesFromTheP521ChainUnderTheNamedRoot() throws Exception {
    JsonNode named =
        peers.station(
            peers.url(),
            Map.of("CHARGER_HASH_ROOT", p521Root.toString(), "CHARGER_REQUEST_ID", "2001"),
            "CS-0001",
            Peers.PASSWORD,
            "ocpp2.1",
            "v2g20",
            Peers.SECC_ID);
    assertThat(named.path("sign").asText()).as(named.toString()).isEqualTo("Accepted");
    assertThat(named.path("certificateSigned").asBoolean()).as(named.toString()).isTrue();
    assertThat(named.path("signedRequestId").asInt()).isEqualTo(2001);
    Path chain = Path.of(named.path("out").asText()).resolve("chain.pem");
    assertThat(V2gRootChoiceIT.verifies(chain, p521Root)).as("under the P-521 root").isTrue();
    assertThat(V2gRootChoiceIT.verifies(chain, p256Root)).isFalse();
    String text = Openssl.run("x509", "-in", chain.toString(), "-noout", "-text").output();
    assertThat(text).contains("secp521r1", "ecdsa-with-SHA512", "DC = CPO");

    // without a named root: the CA's newest P-521 CPO chain
    JsonNode unnamed = peers.station("CS-0001", Peers.PASSWORD, "ocpp2.1", "v2g20", Peers.SECC_ID);
    assertThat(unnamed.path("certificateSigned").asBoolean()).as(unnamed.toString()).isTrue();
    assertThat(unnamed.has("signedRequestId")).as("none sent, none repeated").isFalse();
    assertThat(
            V2gRootChoiceIT.verifies(
                Path.of(unnamed.path("out").asText()).resolve("chain.pem"), p521Root))
        .isTrue();

    // naming the P-256 root for a -20 certificate: no P-521 CPO chain reaches it
    JsonNode mismatched =
        peers.station(
            peers.url(),
            Map.of("CHARGER_HASH_ROOT", p256Root.toString(), "CHARGER_REQUEST_ID", "2002"),
            "CS-0001",
            Peers.PASSWORD,
            "ocpp2.1",
            "v2g20",
            Peers.SECC_ID);
    assertThat(mismatched.path("sign").asText()).isEqualTo("Rejected");
    assertThat(mismatched.path("reasonCode").asText()).isEqualTo("UnknownRootCert");
  }

  @Test
  void theCsmsTriggersEachSeccCertificateOnItsOwn() throws Exception {
    var station = peers.startStation(peers.url(), Map.of(), "CS-0001", "ocpp2.1", Peers.SECC_ID);
    BridgeAdmin admin = peers.admin();
    admin.await("/v1/stations/CS-0001", s -> s.path("connected").asBoolean(), 30);
    for (String trigger : new String[] {"SignV2G20Certificate", "SignV2GCertificate"}) {
      JsonNode sent =
          admin.post(
              "/v1/stations/CS-0001/trigger", "{\"requestedMessage\":\"" + trigger + "\"}", 200);
      assertThat(sent.path("answer").path("status").asText()).as(trigger).isEqualTo("Accepted");
    }
    JsonNode view =
        admin.await(
            "/v1/stations/CS-0001",
            s ->
                s.path("certificates").toString().contains("V2G20Certificate")
                    && s.path("certificates").toString().contains("\"V2GCertificate\""),
            60);
    station.finish();
    assertThat(view.path("certificates").toString())
        .contains("V2G20Certificate", "\"V2GCertificate\"");
  }
}
