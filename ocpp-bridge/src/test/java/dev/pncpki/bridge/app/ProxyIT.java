package dev.pncpki.bridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pncpki.ca.testing.FreePorts;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proxy mode between real peers: the Python ocpp library as the station (charger.py) and as the
 * CSMS behind the bridge (csms.py, over wss with a certificate from the CA, checking the bridge's
 * HTTP Basic login). Every frame either side sends is recorded, so the test can show that forwarded
 * frames arrive byte for byte with their message ids, that the certificate messages never reach the
 * CSMS, and that a CALL of the CSMS's using the bridge's id prefix is refused.
 */
class ProxyIT {
  private static final String CSMS_PASSWORD = "bridge-to-csms-password";
  private static final String OWN_PREFIX = "pncpki-";
  @TempDir static Path dir;
  static Peers peers;
  static int csmsPort;
  static Path csmsOut;
  static Process csms;

  @BeforeAll
  static void start() throws Exception {
    csmsPort = FreePorts.next();
    peers =
        new Peers(
            dir,
            true,
            null,
            """
            upstream:
              url: "wss://localhost:%d/ocpp"
              basicAuthPassword: %s
              trustStorePath: "%s"
              trustStorePassword: %s
              connectTimeoutSeconds: 3
              subprotocols: [ocpp2.1, ocpp2.0.1, ocpp1.6]
            """
                .formatted(
                    csmsPort, CSMS_PASSWORD, dir.resolve("trust.p12"), TlsMaterial.PASSWORD));
    csmsOut = Files.createDirectories(dir.resolve("csms"));
    startCsms();
  }

  @AfterAll
  static void stop() throws Exception {
    stopCsms();
    peers.close();
  }

  @Test
  void ocpp201FramesPassUnchangedAndCertificateMessagesStayWithTheBridge() throws Exception {
    var result = peers.station("CS-0001", Peers.PASSWORD, "ocpp2.0.1", "proxied");
    assertAnsweredByCsmsAndBridge(result);
    assertFramesPassed(result, "ocpp2.0.1");
  }

  @Test
  void ocpp21FramesPassUnchangedAndCertificateMessagesStayWithTheBridge() throws Exception {
    var result = peers.station("CS-0001", Peers.PASSWORD, "ocpp2.1", "proxied");
    assertAnsweredByCsmsAndBridge(result);
    assertFramesPassed(result, "ocpp2.1");
  }

  @Test
  void ocpp16FramesPassUnchangedAndCertificateMessagesStayWithTheBridge() throws Exception {
    var result = peers.station("CS-0002", Peers.PASSWORD, "ocpp1.6", "proxied");
    assertAnsweredByCsmsAndBridge(result);
    assertFramesPassed(result, "ocpp1.6");
  }

  @Test
  void whenTheCsmsHangsUpTheStationIsClosedWithItsCode() throws Exception {
    var result = peers.station("CS-0001", Peers.PASSWORD, "ocpp1.6", "hangup");
    assertThat(result.path("closeCode").asInt()).as(result.toString()).isEqualTo(4000);
    assertThat(result.path("closeReason").asText()).isEqualTo("csms hangs up");
  }

  @Test
  void whileTheCsmsIsDownStationsAreClosedToTryAgainLater() throws Exception {
    stopCsms();
    try {
      var result = peers.station("CS-0002", Peers.PASSWORD, "ocpp2.0.1", "closed");
      assertThat(result.path("closeCode").asInt()).as(result.toString()).isEqualTo(1013);
    } finally {
      startCsms();
    }
    var again = peers.station("CS-0002", Peers.PASSWORD, "ocpp2.0.1", "hangup");
    assertThat(again.path("closeCode").asInt()).as(again.toString()).isEqualTo(4000);
  }

  private static void assertAnsweredByCsmsAndBridge(JsonNode result) {
    // the CSMS's answers
    assertThat(result.path("boot").asText()).as(result.toString()).isEqualTo("Accepted");
    assertThat(result.path("interval").asInt()).isEqualTo(123);
    assertThat(result.path("heartbeat").asText()).isEqualTo("2031-01-01T00:00:00Z");
    assertThat(result.path("authorize").asText()).isEqualTo("Accepted");
    assertThat(result.path("otherVendor").toString()).isEqualTo("[\"Accepted\",\"csms:station\"]");
    assertThat(result.path("csmsCall").asBoolean()).isTrue();
    // the bridge's
    assertThat(result.path("sign").asText()).isEqualTo("Accepted");
    assertThat(result.path("certificateSigned").asBoolean()).isTrue();
    assertThat(result.path("ev15118").asText()).isEqualTo("Failed");
  }

  private static void assertFramesPassed(JsonNode result, String version) throws Exception {
    List<JsonNode> station = lines(Path.of(result.path("out").asText(), "frames.jsonl"));
    List<String> sent = texts(station, "out");
    List<String> received = texts(station, "in");
    Set<String> bridgeCalls = new HashSet<>(); // the station's CALLs the bridge answers
    for (String frame : sent) {
      JsonNode f = Peers.JSON.readTree(frame);
      if (f.get(0).asInt() == 2 && answeredByBridge(f)) {
        bridgeCalls.add(f.get(1).asText());
      }
    }
    assertThat(bridgeCalls).hasSize(2); // SignCertificate and Get15118EVCertificate
    JsonNode boot = Peers.JSON.readTree(sent.get(0));
    assertThat(boot.get(2).asText()).isEqualTo("BootNotification");
    int conn = connectionWith(sent.get(0));
    List<String> forwarded =
        sent.stream()
            .filter(f -> !bridgeCalls.contains(id(f)) && !id(f).startsWith(OWN_PREFIX))
            .toList();
    assertThat(forwarded).hasSize(7); // 6 CALLs and the answer to the CSMS's CALL
    // + the refusals of the CALL with the bridge's prefix and of the credential change
    eventually(() -> texts(csmsFrames(conn), "in").size() >= forwarded.size() + 2);
    List<JsonNode> csms = csmsFrames(conn);
    assertThat(texts(csms, "event")).startsWith("connected " + version);
    List<String> csmsIn = texts(csms, "in");
    List<String> csmsOut = texts(csms, "out");

    // everything else the station sent reached the CSMS byte for byte, and nothing more did
    assertThat(
            csmsIn.stream()
                .filter(f -> !id(f).startsWith(OWN_PREFIX) && !id(f).equals(CREDENTIAL_CALL))
                .toList())
        .containsExactlyElementsOf(forwarded);
    // and what the CSMS sent reached the station, but for the CALL with the bridge's prefix
    assertThat(
            received.stream()
                .filter(f -> !bridgeCalls.contains(id(f)) && !id(f).startsWith(OWN_PREFIX))
                .toList())
        .containsExactlyElementsOf(
            csmsOut.stream()
                .filter(f -> !id(f).startsWith(OWN_PREFIX) && !id(f).equals(CREDENTIAL_CALL))
                .toList());
    // a change of the station's credentials by the CSMS is refused: the bridge checks them
    assertThat(received).noneMatch(f -> id(f).equals(CREDENTIAL_CALL));
    assertThat(csmsIn.stream().filter(f -> id(f).equals(CREDENTIAL_CALL)).toList())
        .singleElement()
        .satisfies(
            f -> {
              JsonNode error = Peers.JSON.readTree(f);
              assertThat(error.get(0).asInt()).isEqualTo(4);
              assertThat(error.get(2).asText()).isEqualTo("SecurityError");
            });
    assertThat(csmsOut.stream().filter(f -> id(f).equals("pncpki-csms-1")).count()).isOne();
    assertThat(csmsIn.stream().filter(f -> id(f).equals("pncpki-csms-1")).toList())
        .singleElement()
        .satisfies(f -> assertThat(Peers.JSON.readTree(f).get(0).asInt()).isEqualTo(4));
    // the bridge's own CALL (CertificateSigned) has its prefix and stayed between it and the
    // station
    assertThat(received.stream().filter(f -> id(f).startsWith(OWN_PREFIX)).toList())
        .singleElement()
        .satisfies(f -> assertThat(f).contains("\"CertificateSigned\""));
    // the station closed; so did its CSMS connection
    eventually(() -> texts(csmsFrames(conn), "event").contains("closed 1001"));
  }

  /** What the bridge keeps in proxy mode: SignCertificate, Get15118EVCertificate (1.6 wrapped). */
  private static boolean answeredByBridge(JsonNode call) {
    String action = call.get(2).asText();
    return action.equals("SignCertificate")
        || action.equals("Get15118EVCertificate")
        || (action.equals("DataTransfer")
            && call.get(3).path("vendorId").asText().equals("org.openchargealliance.iso15118pnc"));
  }

  private static final String CREDENTIAL_CALL = "csms-credential-1";

  private static String id(String frame) {
    try {
      return Peers.JSON.readTree(frame).get(1).asText();
    } catch (Exception e) {
      throw new IllegalStateException(frame, e);
    }
  }

  /** The CSMS connection that received this frame. */
  private static int connectionWith(String frame) throws Exception {
    for (JsonNode line : lines(csmsOut.resolve("frames.jsonl"))) {
      if (line.path("dir").asText().equals("in") && line.path("frame").asText().equals(frame)) {
        return line.path("conn").asInt();
      }
    }
    throw new AssertionError("the CSMS never saw " + frame);
  }

  private static List<JsonNode> csmsFrames(int conn) {
    try {
      return lines(csmsOut.resolve("frames.jsonl")).stream()
          .filter(l -> l.path("conn").asInt() == conn)
          .toList();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> texts(List<JsonNode> lines, String dir) {
    return lines.stream()
        .filter(l -> l.path("dir").asText().equals(dir))
        .map(l -> l.path("frame").asText())
        .toList();
  }

  private static List<JsonNode> lines(Path file) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      out.add(Peers.JSON.readTree(line));
    }
    return out;
  }

  private static void eventually(java.util.function.BooleanSupplier condition) throws Exception {
    for (int i = 0; i < 100 && !condition.getAsBoolean(); i++) {
      Thread.sleep(100);
    }
    assertThat(condition.getAsBoolean()).as("within 10 s").isTrue();
  }

  private static void startCsms() throws Exception {
    Path script = dir.resolve("csms.py");
    if (!Files.exists(script)) {
      try (var in = ProxyIT.class.getResourceAsStream("/charger/csms.py")) {
        Files.write(script, in.readAllBytes());
      }
    }
    Path[] tls = peers.tlsMaterial.serverPem("csms");
    csms =
        new ProcessBuilder(
                Peers.python(),
                script.toString(),
                Integer.toString(csmsPort),
                csmsOut.toString(),
                CSMS_PASSWORD,
                tls[0].toString(),
                tls[1].toString())
            .redirectError(csmsOut.resolve("stderr.txt").toFile())
            .start();
    var out =
        new BufferedReader(new InputStreamReader(csms.getInputStream(), StandardCharsets.UTF_8));
    assertThat(out.readLine()).as(() -> stderr()).isEqualTo("ready");
  }

  private static void stopCsms() throws Exception {
    if (csms != null && csms.isAlive()) {
      csms.destroy();
      assertThat(csms.waitFor(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  private static String stderr() {
    try {
      return Files.readString(csmsOut.resolve("stderr.txt"));
    } catch (Exception e) {
      return e.toString();
    }
  }
}
