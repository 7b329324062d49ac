package dev.pncpki.bridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pncpki.bridge.station.PasswordHash;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The stations' TLS endpoint as OCPP 2.0.1 Part 2 A00.FR.318 requires of a CSMS, checked with the
 * {@code openssl} command line against a bridge run from its jar (so that the JDK's TLS settings
 * are the bridge's from the start of the process, as in production). Its key store holds two
 * csms-server certificates the CA issued, one for an EC key and one for an RSA key: each required
 * suite is negotiated over TLS 1.2 with the certificate of its key type, TLS 1.3 works, weaker
 * suites and protocols are refused, and a station of the Python {@code ocpp} library connects over
 * wss.
 */
class TlsSuitesIT {
  @TempDir static Path dir;
  static Peers peers;
  static KillableBridge bridge;
  static int tlsPort;
  static Path trusted;

  @BeforeAll
  static void start() throws Exception {
    peers = new Peers(dir);
    var material = new TlsMaterial(peers.ca.getLocalPort(), dir);
    Path keyStore = material.serverKeyStore();
    Path trustStore = material.trustStore();
    material.addRsaServerEntry(keyStore);
    trusted = material.rootPem();
    tlsPort = Peers.freePort();
    int plainPort = Peers.freePort();
    int adminPort = Peers.freePort();
    String connectors =
        ("applicationConnectors: [{type: https, bindHost: 127.0.0.1, port: %d, keyStorePath: \"%s\","
                + " keyStorePassword: %s, keyStoreType: PKCS12, trustStorePath: \"%s\","
                + " trustStorePassword: %s, trustStoreType: PKCS12, wantClientAuth: true},"
                + " {type: http, bindHost: 127.0.0.1, port: %d}]")
            .formatted(
                tlsPort,
                keyStore,
                TlsMaterial.PASSWORD,
                trustStore,
                TlsMaterial.PASSWORD,
                plainPort);
    String yaml =
        Files.readString(dir.resolve("bridge.yml"))
            .replaceFirst(
                Pattern.quote(
                    "applicationConnectors: [{type: http, bindHost: 127.0.0.1, port: 0}]"),
                Matcher.quoteReplacement(connectors))
            .replaceFirst(
                Pattern.quote("adminConnectors: [{type: http, bindHost: 127.0.0.1, port: 0}]"),
                "adminConnectors: [{type: http, bindHost: 127.0.0.1, port: " + adminPort + "}]")
            .replace(
                dir.resolve("bridge-postgres").toString(),
                dir.resolve("tls-bridge-postgres").toString())
            .replace(
                "stations:\n",
                "stations:\n  - {id: CS-TLS, securityProfile: 2, passwordHash: \"%s\"}\n"
                    .formatted(PasswordHash.of(Peers.PASSWORD)));
    Path config = dir.resolve("tls-bridge.yml");
    Files.writeString(config, yaml);
    bridge = KillableBridge.of(dir, "tls-bridge", config, plainPort, adminPort);
    bridge.start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (bridge != null) {
      bridge.stop();
    }
    if (peers != null) {
      peers.close();
    }
  }

  /** The four suites of A00.FR.318 and the ECDHE_RSA ones, each with its certificate's key. */
  @ParameterizedTest
  @CsvSource({
    "ECDHE-ECDSA-AES128-GCM-SHA256, 256",
    "ECDHE-ECDSA-AES256-GCM-SHA384, 256",
    "AES128-GCM-SHA256, 2048",
    "AES256-GCM-SHA384, 2048",
    "ECDHE-RSA-AES128-GCM-SHA256, 2048",
    "ECDHE-RSA-AES256-GCM-SHA384, 2048"
  })
  void eachOfferedSuiteIsNegotiatedOverTls12(String suite, int keyBits) throws Exception {
    String out = handshake("-tls1_2", "-cipher", suite);

    assertThat(out).contains("Protocol  : TLSv1.2", "Cipher is " + suite);
    assertThat(out).contains("Server public key is " + keyBits + " bit");
    assertThat(out).contains("Verify return code: 0 (ok)");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "TLS_AES_256_GCM_SHA384",
        "TLS_AES_128_GCM_SHA256",
        "TLS_CHACHA20_POLY1305_SHA256"
      })
  void tls13Works(String suite) throws Exception {
    String out = handshake("-tls1_3", "-ciphersuites", suite);

    assertThat(out).contains("TLSv1.3, Cipher is " + suite, "Verify return code: 0 (ok)");
  }

  /** Suites openssl offers (so the refusal is the bridge's) that are CBC or SHA-1 MACs. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "AES128-SHA",
        "AES256-SHA256",
        "ECDHE-RSA-AES128-SHA",
        "ECDHE-ECDSA-AES128-SHA256",
        "ECDHE-ECDSA-CHACHA20-POLY1305"
      })
  void weakerSuitesAreRefused(String suite) throws Exception {
    String out = handshake("-tls1_2", "-cipher", suite + ":@SECLEVEL=0");

    assertThat(out).doesNotContain("no cipher match").contains("Cipher is (NONE)");
    assertThat(out).containsPattern("alert handshake failure|alert insufficient security");
  }

  @ParameterizedTest
  @ValueSource(strings = {"-tls1_1", "-tls1"})
  void olderProtocolsAreRefused(String protocol) throws Exception {
    String out = handshake(protocol, "-cipher", "DEFAULT:@SECLEVEL=0");

    assertThat(out).doesNotContain("no protocols available").contains("Cipher is (NONE)");
  }

  @Test
  void anOcppStationConnectsOverWss() throws Exception {
    var result =
        peers.station(
            "wss://localhost:" + tlsPort + "/ocpp",
            Map.of("CHARGER_CAFILE", dir.resolve("v2g-root.pem").toString()),
            "CS-TLS",
            Peers.PASSWORD,
            "ocpp2.0.1",
            "connect");

    assertThat(result.path("subprotocol").asText()).as(result.toString()).isEqualTo("ocpp2.0.1");
  }

  private static String handshake(String... options) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                "openssl",
                "s_client",
                "-connect",
                "127.0.0.1:" + tlsPort,
                "-servername",
                "localhost",
                "-CAfile",
                trusted.toString()));
    command.addAll(List.of(options));
    return run(command);
  }

  /** Runs a command with no input and returns what it printed (both streams). */
  private static String run(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
    return out;
  }
}
