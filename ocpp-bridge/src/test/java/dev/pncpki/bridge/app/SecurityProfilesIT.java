package dev.pncpki.bridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * OCPP security profiles 2 and 3 on the bridge's TLS endpoint, whose server certificate comes from
 * the CA: a profile-3 station authenticates with its charging-station certificate (CN = its id) and
 * renews it over that connection; a foreign or missing client certificate is refused, and so is a
 * profile-2 or -3 station on plain HTTP; profile 2 is HTTP Basic over TLS.
 */
class SecurityProfilesIT {
  @TempDir static Path dir;
  static Peers peers;
  static Map<String, String> cs3;
  static Map<String, String> cs4;
  static Map<String, String> serverOnly;

  @BeforeAll
  static void start() throws Exception {
    peers = new Peers(dir, true);
    Path[] c3 = peers.tlsMaterial.stationCertificate("CS-0003");
    Path[] c4 = peers.tlsMaterial.stationCertificate("CS-0004");
    String root = peers.tlsMaterial.rootPem().toString();
    cs3 =
        Map.of(
            "CHARGER_CAFILE",
            root,
            "CHARGER_CERT",
            c3[0].toString(),
            "CHARGER_KEY",
            c3[1].toString());
    cs4 =
        Map.of(
            "CHARGER_CAFILE",
            root,
            "CHARGER_CERT",
            c4[0].toString(),
            "CHARGER_KEY",
            c4[1].toString());
    serverOnly = Map.of("CHARGER_CAFILE", root);
  }

  @AfterAll
  static void stop() {
    peers.close();
  }

  @Test
  void profile3StationAuthenticatesWithItsCertificateAndRenewsIt() throws Exception {
    var result = peers.station(peers.tlsUrl(), cs3, "CS-0003", "-", "ocpp2.0.1", "sign");
    assertThat(result.path("sign").asText()).as(result.toString()).isEqualTo("Accepted");
    assertThat(result.path("certificateSigned").asBoolean()).isTrue();
  }

  @Test
  void foreignMissingOrPlainConnectionsAreRefused() throws Exception {
    var foreign = peers.station(peers.tlsUrl(), cs4, "CS-0003", "-", "ocpp2.0.1", "connect");
    assertThat(foreign.path("httpStatus").asInt()).as(foreign.toString()).isEqualTo(401);
    var missing = peers.station(peers.tlsUrl(), serverOnly, "CS-0003", "-", "ocpp2.0.1", "connect");
    assertThat(missing.path("httpStatus").asInt()).as(missing.toString()).isEqualTo(401);
    var plain = peers.station("CS-0005", Peers.PASSWORD, "ocpp2.0.1", "connect");
    assertThat(plain.path("httpStatus").asInt()).as(plain.toString()).isEqualTo(401);
  }

  @Test
  void profile2IsBasicAuthOverTls() throws Exception {
    var ok =
        peers.station(peers.tlsUrl(), serverOnly, "CS-0005", Peers.PASSWORD, "ocpp1.6", "connect");
    assertThat(ok.path("subprotocol").asText()).as(ok.toString()).isEqualTo("ocpp1.6");
    var wrong = peers.station(peers.tlsUrl(), serverOnly, "CS-0005", "nope", "ocpp1.6", "connect");
    assertThat(wrong.path("httpStatus").asInt()).isEqualTo(401);
  }
}
