package dev.pncpki.bridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bridge with a real CA behind it and the Python ocpp library as the charging station: both
 * OCPP versions get station certificates (and 2.0.1 a V2G certificate) that openssl verifies; bad
 * credentials, foreign identities, wrong curves and broken frames are refused as OCPP says.
 */
class BridgeIT {
  @TempDir static Path dir;
  static Peers peers;

  @BeforeAll
  static void start() throws Exception {
    // security events of one type and station are recorded once per window of 3 s (FloodLog)
    peers =
        new Peers(
            dir,
            false,
            null,
            "loginThrottle: {freeFailures: 5, firstDelaySeconds: 1, maxDelaySeconds: 300,"
                + " forgetAfterSeconds: 900, checksPerSecond: 20, eventWindowSeconds: 3}\n");
  }

  @AfterAll
  static void stop() {
    peers.close();
  }

  @Test
  void ocpp201StationGetsItsCertificateAndSeccCertificate() throws Exception {
    var result = peers.station("CS-0001", Peers.PASSWORD, "ocpp2.0.1", "sign");
    assertThat(result.path("boot").asText()).isEqualTo("Accepted");
    assertThat(result.path("sign").asText()).isEqualTo("Accepted");
    assertThat(result.path("certificateSigned").asBoolean()).as(result.toString()).isTrue();
    opensslVerifies(Path.of(result.path("out").asText()), "CN = CS-0001");

    var v2g = peers.station("CS-0001", Peers.PASSWORD, "ocpp2.0.1", "v2g", Peers.SECC_ID);
    assertThat(v2g.path("certificateSigned").asBoolean()).as(v2g.toString()).isTrue();
    opensslVerifies(Path.of(v2g.path("out").asText()), "CN = " + Peers.SECC_ID);
  }

  @Test
  void ocpp16StationGetsItsCertificate() throws Exception {
    var result = peers.station("CS-0002", Peers.PASSWORD, "ocpp1.6", "sign");
    assertThat(result.path("sign").asText()).isEqualTo("Accepted");
    assertThat(result.path("certificateSigned").asBoolean()).as(result.toString()).isTrue();
    opensslVerifies(Path.of(result.path("out").asText()), "CN = CS-0002");
  }

  @Test
  void ocpp16PlugAndChargeOverDataTransfer() throws Exception {
    var result = peers.station("CS-0001", Peers.PASSWORD, "ocpp1.6", "pnc16", Peers.SECC_ID);
    assertThat(result.path("sign").asText()).as(result.toString()).isEqualTo("Accepted");
    assertThat(result.path("signData").asText()).isEqualTo("Accepted");
    assertThat(result.path("certificateSigned").asBoolean()).isTrue();
    opensslVerifies(Path.of(result.path("out").asText()), "CN = " + Peers.SECC_ID);
    assertThat(result.path("otherVendor").asText()).isEqualTo("UnknownVendorId");
    assertThat(result.path("ev15118").asText()).isEqualTo("Failed");
  }

  @Test
  void foreignIdentitiesAndWrongCurvesAreRejectedAndNothingIsIssued() throws Exception {
    long before = issued();
    var other = peers.station("CS-0002", Peers.PASSWORD, "ocpp2.0.1", "refused", "CS-0001");
    assertThat(other.path("sign").asText()).isEqualTo("Rejected");
    assertThat(other.path("certificateSigned").asBoolean()).isFalse();
    var secc = peers.station("CS-0002", Peers.PASSWORD, "ocpp2.0.1", "refused", Peers.SECC_ID);
    assertThat(secc.path("sign").asText()).isEqualTo("Rejected");
    var p384 = peers.station("CS-0002", Peers.PASSWORD, "ocpp1.6", "p384");
    assertThat(p384.path("sign").asText()).isEqualTo("Rejected");
    assertThat(issued()).isEqualTo(before);
    // each refusal is a security event of the station, with its reason; refusals of one type in
    // one window are one row with their count and the last reason (a station cannot flood the log)
    var events =
        peers
            .admin()
            .await(
                "/v1/security-events?station=CS-0002",
                e -> e.findValues("count").stream().mapToInt(JsonNode::asInt).sum() == 3,
                15);
    assertThat(events.findValuesAsText("type")).containsOnly("CsrRefused").hasSizeBetween(2, 3);
    assertThat(events.toString()).contains("is not the station id CS-0002", "secp256r1");
  }

  /**
   * A peer that completes the upgrade and then answers nothing, not even the bridge's pings (the
   * Python stations answer them, and stay connected through quiet minutes): closed once the idle
   * time (4 s here, pings every second) has passed.
   */
  @Test
  void aSilentConnectionIsPingedAndThenClosed() throws Exception {
    try (var socket = new java.net.Socket("127.0.0.1", peers.bridge.getLocalPort())) {
      socket.setSoTimeout(15_000);
      String credentials =
          java.util.Base64.getEncoder()
              .encodeToString(("CS-0001:" + Peers.PASSWORD).getBytes(StandardCharsets.UTF_8));
      socket
          .getOutputStream()
          .write(
              ("GET /ocpp/CS-0001 HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                      + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                      + "Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: ocpp2.0.1\r\n"
                      + "Authorization: Basic "
                      + credentials
                      + "\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
      var in = new java.io.DataInputStream(socket.getInputStream());
      String status = readLine(in);
      assertThat(status).startsWith("HTTP/1.1 101");
      while (!readLine(in).isEmpty()) {
        // headers
      }
      long start = System.nanoTime();
      java.util.List<Integer> opcodes = new java.util.ArrayList<>();
      while (true) {
        int opcode = in.readUnsignedByte() & 0x0f;
        long length = in.readUnsignedByte() & 0x7f; // server frames are unmasked
        length = length == 126 ? in.readUnsignedShort() : length == 127 ? in.readLong() : length;
        in.readNBytes((int) length);
        opcodes.add(opcode);
        if (opcode == 0x8) {
          break;
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      assertThat(opcodes).as("pings, then a close").contains(0x9).endsWith(0x8);
      assertThat(seconds).isBetween(3.0, 10.0);
    }
  }

  private static String readLine(java.io.DataInputStream in) throws java.io.IOException {
    var line = new StringBuilder();
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new java.io.EOFException();
      }
      if (c != '\r') {
        line.append((char) c);
      }
    }
    return line.toString();
  }

  @Test
  void badCredentialsAndSubprotocolsAreRefusedBeforeTheUpgrade() throws Exception {
    assertThat(peers.station("CS-0001", "wrong", "ocpp2.0.1", "connect").path("httpStatus").asInt())
        .isEqualTo(401);
    assertThat(
            peers
                .station("CS-9999", Peers.PASSWORD, "ocpp2.0.1", "connect")
                .path("httpStatus")
                .asInt())
        .isEqualTo(401);
    assertThat(
            peers
                .station("CS-0001", Peers.PASSWORD, "ocpp1.5", "connect")
                .path("httpStatus")
                .asInt())
        .isEqualTo(400);
    assertThat(peers.securityEvents("CS-0001").findValuesAsText("type"))
        .contains("ConnectionRefused");
    assertThat(peers.securityEvents("CS-9999").findValuesAsText("detail").toString())
        .contains("unknown");
    assertThat(peers.securityEvents("CS-0001").toString()).contains("wrong password for CS-0001");
    assertThat(peers.securityEvents("CS-9999").toString()).doesNotContain(Peers.PASSWORD);
    assertThat(
            peers
                .station("CS-0001", Peers.PASSWORD, "ocpp1.6", "connect")
                .path("subprotocol")
                .asText())
        .isEqualTo("ocpp1.6");
  }

  @Test
  void brokenFramesGetTheCallErrorsOcppJDefines() throws Exception {
    var frames201 = peers.station("CS-0001", Peers.PASSWORD, "ocpp2.0.1", "frames");
    assertThat(frames201.path("binaryClose").asInt()).isEqualTo(1003); // RFC 6455 7.4.1
    var v201 = frames201.path("codes");
    assertThat(v201.path("notJson").asText()).isEqualTo("RpcFrameworkError");
    assertThat(v201.path("unknownAction").asText()).isEqualTo("NotImplemented");
    assertThat(v201.path("missingField").asText()).isEqualTo("OccurrenceConstraintViolation");
    assertThat(v201.path("wrongType").asText()).isEqualTo("TypeConstraintViolation");
    assertThat(v201.path("extraField").asText()).isEqualTo("FormatViolation");
    assertThat(v201.path("wrongTypeInEnum").asText()).isEqualTo("TypeConstraintViolation");
    assertThat(v201.path("badMessageType").asText()).isEqualTo("MessageTypeNotSupported");
    assertThat(v201.path("notSupported").asText()).isEqualTo("NotSupported");
    var frames16 = peers.station("CS-0002", Peers.PASSWORD, "ocpp1.6", "frames");
    assertThat(frames16.path("binaryClose").asInt()).isEqualTo(1003);
    var v16 = frames16.path("codes");
    assertThat(v16.path("notJson").asText()).isEqualTo("FormationViolation");
    assertThat(v16.path("missingField").asText()).isEqualTo("OccurenceConstraintViolation");
    assertThat(v16.path("extraField").asText()).isEqualTo("FormationViolation");
    assertThat(v16.path("wrongTypeInEnum").asText()).isEqualTo("TypeConstraintViolation");
  }

  /** Certificates the CA has issued so far (admin API). */
  private static long issued() throws Exception {
    var response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://127.0.0.1:"
                                + peers.ca.getLocalPort()
                                + "/v1/certificates?limit=1000"))
                    .header("Authorization", "Bearer embedded-admin-token")
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return Peers.JSON.readTree(response.body()).size();
  }

  private static void opensslVerifies(Path out, String subject) throws Exception {
    String chain = Files.readString(out.resolve("chain.pem"));
    int second = chain.indexOf("-----BEGIN CERTIFICATE-----", 1);
    Files.writeString(out.resolve("leaf.pem"), chain.substring(0, second));
    Files.writeString(out.resolve("untrusted.pem"), chain.substring(second));
    var root =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            "http://127.0.0.1:"
                                + peers.ca.getLocalPort()
                                + "/v1/cas/v2g-root/chain"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    Files.writeString(out.resolve("root.pem"), root.body());
    Process p =
        new ProcessBuilder(
                List.of(
                    "openssl",
                    "verify",
                    "-x509_strict",
                    "-purpose",
                    "any",
                    "-CAfile",
                    out.resolve("root.pem").toString(),
                    "-untrusted",
                    out.resolve("untrusted.pem").toString(),
                    out.resolve("leaf.pem").toString()))
            .redirectErrorStream(true)
            .start();
    String printed =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(printed).isZero();
    Process show =
        new ProcessBuilder(
                "openssl", "x509", "-noout", "-subject", "-in", out.resolve("leaf.pem").toString())
            .redirectErrorStream(true)
            .start();
    assertThat(
            new String(
                show.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
        .contains(subject);
  }
}
