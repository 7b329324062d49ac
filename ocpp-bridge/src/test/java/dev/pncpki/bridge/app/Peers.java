package dev.pncpki.bridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pncpki.bridge.station.PasswordHash;
import dev.pncpki.ca.app.CaApplication;
import dev.pncpki.ca.app.CaConfiguration;
import dev.pncpki.ca.testing.FreePorts;
import io.dropwizard.testing.DropwizardTestSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The bridge between its real peers: the CA service in-process (software keys, embedded PostgreSQL,
 * the demo hierarchy), the bridge in-process configured against it, and charging stations played by
 * the Python {@code ocpp} library from the test virtual environment.
 */
final class Peers implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String PASSWORD = "station-password-1";
  static final String SECC_ID = "DE-PNC-S-000000000000000000000000000000001";

  final Path dir;
  final DropwizardTestSupport<CaConfiguration> ca;
  final DropwizardTestSupport<BridgeConfiguration> bridge;
  TlsMaterial tlsMaterial;

  Peers(Path dir) throws Exception {
    this(dir, false);
  }

  /** With {@code tls}: the bridge listens on https (a csms-server certificate from the CA). */
  Peers(Path dir, boolean tls) throws Exception {
    this(dir, tls, null, "");
  }

  /**
   * With {@code databaseUrl}: the bridge uses that PostgreSQL (user postgres) instead of an
   * embedded one of its own, so that further instances ({@link #anotherBridge}) can share it. With
   * more bridge configuration (YAML appended to it, e.g. {@code upstream}). With {@code tls}, the
   * trust store holding the V2G root is {@code dir/trust.p12} (password {@link
   * TlsMaterial#PASSWORD}).
   */
  Peers(Path dir, boolean tls, String databaseUrl, String moreBridgeConfig) throws Exception {
    this(dir, tls, databaseUrl, moreBridgeConfig, List.of());
  }

  /** With {@code moreStations}: more configured station ids (profile 1, {@link #PASSWORD}). */
  Peers(
      Path dir, boolean tls, String databaseUrl, String moreBridgeConfig, List<String> moreStations)
      throws Exception {
    this(dir, tls, databaseUrl, moreBridgeConfig, moreStations, null);
  }

  /**
   * With {@code caPlan}: the CA's ceremony plan (else its bundled demo plan), which its ceremony
   * runs at every start ({@link #restartCa}).
   */
  Peers(
      Path dir,
      boolean tls,
      String databaseUrl,
      String moreBridgeConfig,
      List<String> moreStations,
      Path caPlan)
      throws Exception {
    this.dir = dir;
    Path caConfig = dir.resolve("ca.yml");
    Files.writeString(
        caConfig,
        """
        server:
          applicationConnectors: [{type: http, bindHost: 127.0.0.1, port: %d}]
          adminConnectors: [{type: http, bindHost: 127.0.0.1, port: 0}]
        logging: {level: WARN}
        keys: {type: software, directory: "%s", password: test}
        hierarchy: {directory: "%s", ceremonyOnStart: true%s}
        database: {embeddedDirectory: "%s"}
        apiTokens:
          - {name: test-admin, roles: [admin], sha256: 8047b1607b9cbc6820d69c4e44b6161479b283ae71948ebed9c5b2e3c85cc49e}
          - {name: test-bridge, roles: [bridge], organization: Demo CPO, sha256: 9c0e3bf865f32d09bb7baad863c993773b0808ce383943fec4f9461db6eeb965}
          - {name: test-oem-a, roles: ["oem:oem-a"], sha256: 0b42f17d79e9f8c35aedef161499305a7c6d9a67779c4eb1d4eabcfec3259b91}
          - {name: test-mo-x, roles: ["mo:mo-x"], sha256: df1317b692e0fd46d58a66589345afc51d20675683a14838fc70e68a3a044897}
        contracts:
          tenants:
            - {role: "mo:mo-x", organization: "MO X", providerIds: [DEPNC]}
            - {role: "oem:oem-a", wmis: [WMA]}
        iso15118SchemaDirectory: "%s"
        iso15118ContractsFrom: "mo:mo-x"
        """
            .formatted(
                freePort(), // known before start: the CA's certificates name their OCSP URLs
                dir.resolve("keys"),
                dir.resolve("hierarchy"),
                caPlan == null ? "" : ", plan: \"" + caPlan + "\"",
                dir.resolve("postgres"),
                iso15118Schemas().resolve("iso15118_2")));
    ca = new DropwizardTestSupport<>(CaApplication.class, caConfig.toString());
    ca.before();
    String hash = PasswordHash.of(PASSWORD);
    String connectors = "[{type: http, bindHost: 127.0.0.1, port: 0}]";
    String tlsStations = "";
    if (tls) {
      this.tlsMaterial = new TlsMaterial(ca.getLocalPort(), dir);
      // known before start, for configuration that names them ({tlsPort}, {plainPort})
      int tlsPort = freePort();
      int plainPort = freePort();
      moreBridgeConfig =
          moreBridgeConfig
              .replace("{tlsPort}", String.valueOf(tlsPort))
              .replace("{plainPort}", String.valueOf(plainPort));
      connectors =
          ("[{type: https, bindHost: 127.0.0.1, port: "
                      + tlsPort
                      + ", keyStorePath: \"%s\", keyStorePassword: %s,")
                  .formatted(tlsMaterial.serverKeyStore(), TlsMaterial.PASSWORD)
              + " keyStoreType: PKCS12, trustStorePath: \"%s\", trustStorePassword: %s,"
                  .formatted(tlsMaterial.trustStore(), TlsMaterial.PASSWORD)
              + " trustStoreType: PKCS12, wantClientAuth: true}, {type: http, bindHost: 127.0.0.1,"
              + " port: "
              + plainPort
              + "}]";
      tlsStations =
          """
            - {id: CS-0003, securityProfile: 3}
            - {id: CS-0004, securityProfile: 3}
            - {id: CS-0005, securityProfile: 2, passwordHash: "%s"}
          """
              .formatted(hash);
    }
    for (String id : moreStations) {
      tlsStations += "  - {id: %s, passwordHash: \"%s\"}\n".formatted(id, hash);
    }
    Path bridgeConfig = dir.resolve("bridge.yml");
    Files.writeString(
        bridgeConfig,
        """
        server:
          applicationConnectors: %s
          adminConnectors: [{type: http, bindHost: 127.0.0.1, port: 0}]
        logging: {level: INFO}
        ca: {url: "http://127.0.0.1:%d", token: embedded-bridge-token}
        organization: Demo CPO
        adminTokenSha256: c1ee35c2de19f767fc4ce9d98ecea11124b1e6f3c264c98312dc5146b97bcc02
        schemaDirectory: "%s"
        database: %s
        outbox: {maxAttempts: 3, firstRetrySeconds: 1, maxRetrySeconds: 2}
        pingIntervalSeconds: 1
        idleTimeoutSeconds: 4
        stations:
          - {id: CS-0001, passwordHash: "%s", seccIds: ["%s"]}
          - {id: CS-0002, passwordHash: "%s"}
        %s
        %s"""
            .formatted(
                connectors,
                ca.getLocalPort(),
                schemaDirectory(),
                databaseUrl == null
                    ? "{embeddedDirectory: \"%s\"}".formatted(dir.resolve("bridge-postgres"))
                    : "{url: \"%s\", user: postgres, password: postgres}".formatted(databaseUrl),
                hash,
                SECC_ID,
                hash,
                tlsStations,
                moreBridgeConfig));
    bridge = new DropwizardTestSupport<>(BridgeApplication.class, bridgeConfig.toString());
    bridge.before();
  }

  /** The security events the bridge recorded for a station (its admin API), newest first. */
  JsonNode securityEvents(String station) throws Exception {
    return admin().get("/v1/security-events?station=" + station);
  }

  /** One more bridge instance with the same configuration (share a database: see above). */
  DropwizardTestSupport<BridgeConfiguration> anotherBridge(String instanceId) throws Exception {
    var another =
        new DropwizardTestSupport<>(
            BridgeApplication.class,
            dir.resolve("bridge.yml").toString(),
            io.dropwizard.testing.ConfigOverride.config("instanceId", instanceId));
    another.before();
    return another;
  }

  String url() {
    return tlsMaterial == null
        ? "ws://127.0.0.1:" + bridge.getLocalPort() + "/ocpp"
        : "ws://127.0.0.1:" + connectorPort(1) + "/ocpp";
  }

  /** The admin API, on the plain-HTTP connector. */
  BridgeAdmin admin() {
    return new BridgeAdmin(
        () ->
            "http://127.0.0.1:" + (tlsMaterial == null ? bridge.getLocalPort() : connectorPort(1)));
  }

  /** The admin CLI against this bridge's plain-HTTP connector. */
  BridgeCli cli() {
    return new BridgeCli(tlsMaterial == null ? bridge.getLocalPort() : connectorPort(1));
  }

  /**
   * The operator's station ({@code operator_station.py}) started in the background; {@link
   * Running#finish} stops it and returns what it printed. Its received CALLs are in {@code
   * out/calls.jsonl}, its connections in {@code out/connections.jsonl}.
   */
  Running operator(
      String url,
      java.util.Map<String, String> env,
      String station,
      String password,
      String version)
      throws Exception {
    Path out = Files.createTempDirectory(dir, station + "-operator-");
    Path script = dir.resolve("operator_station.py");
    if (!Files.exists(script)) {
      try (var in = Peers.class.getResourceAsStream("/charger/operator_station.py")) {
        Files.write(script, in.readAllBytes());
      }
    }
    var builder =
        new ProcessBuilder(
                python(), script.toString(), url, station, password, version, out.toString())
            .redirectError(out.resolve("stderr.txt").toFile());
    builder.environment().putAll(env);
    return new Running(builder.start(), out);
  }

  /** The TLS endpoint, by the name in the bridge's certificate. */
  String tlsUrl() {
    return "wss://localhost:" + connectorPort(0) + "/ocpp";
  }

  private int connectorPort(int index) {
    return ((org.eclipse.jetty.server.ServerConnector)
            bridge.getEnvironment().getApplicationContext().getServer().getConnectors()[index])
        .getLocalPort();
  }

  static final String ADMIN_TOKEN = "bridge-admin-token";

  /** A station started in the background ("managed"); {@link #finish} stops it. */
  record Running(Process process, Path out) {
    /** The JSON lines a running station wrote to {@code file} so far. */
    List<JsonNode> lines(String file) throws Exception {
      Path f = out.resolve(file);
      List<JsonNode> lines = new ArrayList<>();
      if (Files.exists(f)) {
        for (String line : Files.readAllLines(f)) {
          lines.add(JSON.readTree(line));
        }
      }
      return lines;
    }

    /** Waits until {@code file} has a line {@code wanted} accepts; returns it. */
    JsonNode await(String file, java.util.function.Predicate<JsonNode> wanted, int seconds)
        throws Exception {
      for (int i = 0; i < seconds * 10; i++) {
        for (JsonNode line : lines(file)) {
          if (wanted.test(line)) {
            return line;
          }
        }
        Thread.sleep(100);
      }
      throw new AssertionError(
          file
              + ": no such line within "
              + seconds
              + " s: "
              + lines(file)
              + Files.readString(out.resolve("stderr.txt")));
    }

    /** Waits until {@code file} has {@code count} lines {@code wanted} accepts. */
    void awaitCount(
        String file, java.util.function.Predicate<JsonNode> wanted, int count, int seconds)
        throws Exception {
      for (int i = 0; i < seconds * 10; i++) {
        if (lines(file).stream().filter(wanted).count() >= count) {
          return;
        }
        Thread.sleep(100);
      }
      throw new AssertionError(file + ": fewer than " + count + " such lines: " + lines(file));
    }

    JsonNode finish() throws Exception {
      Files.writeString(out.resolve("stop"), "");
      String printed =
          new String(
              process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(process.exitValue())
          .as(printed + Files.readString(out.resolve("stderr.txt")))
          .isZero();
      return JSON.readTree(printed);
    }
  }

  Running startStation(String station, String version) throws Exception {
    return startStation(url(), java.util.Map.of(), station, version);
  }

  /** A managed station against another bridge URL, with extra environment (CHARGER_*). */
  Running startStation(
      String url, java.util.Map<String, String> env, String station, String version)
      throws Exception {
    return startStation(url, env, station, version, station);
  }

  /** A managed station whose CSRs name {@code cn} (an SECC ID for its V2G certificate). */
  Running startStation(
      String url, java.util.Map<String, String> env, String station, String version, String cn)
      throws Exception {
    Path out = Files.createTempDirectory(dir, station + "-managed-");
    var command =
        List.of(
            python(),
            script().toString(),
            url,
            station,
            PASSWORD,
            version,
            "managed",
            out.toString(),
            cn);
    var builder = new ProcessBuilder(command).redirectError(out.resolve("stderr.txt").toFile());
    builder.environment().putAll(env);
    return new Running(builder.start(), out);
  }

  /** Runs the Python charging station; returns what it printed. */
  JsonNode station(String station, String password, String version, String scenario, String... more)
      throws Exception {
    return station(url(), java.util.Map.of(), station, password, version, scenario, more);
  }

  /** The same against another URL (e.g. wss://) with extra environment (CHARGER_* TLS files). */
  JsonNode station(
      String url,
      java.util.Map<String, String> env,
      String station,
      String password,
      String version,
      String scenario,
      String... more)
      throws Exception {
    Path out = Files.createTempDirectory(dir, station + "-" + scenario + "-");
    List<String> command = new ArrayList<>();
    command.add(python());
    command.add(script().toString());
    command.addAll(List.of(url, station, password, version, scenario, out.toString()));
    command.addAll(List.of(more));
    var builder = new ProcessBuilder(command).redirectError(out.resolve("stderr.txt").toFile());
    builder.environment().putAll(env);
    if (scenario.equals("p384")) {
      builder.environment().put("CSR_CURVE", "P-384");
      command.set(command.indexOf("p384"), "refused");
      builder.command(command);
    }
    Process p = builder.start();
    String printed =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
            .strip();
    assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(printed + Files.readString(out.resolve("stderr.txt"))).isZero();
    System.out.println("station " + station + " " + version + " " + scenario + ": " + printed);
    var result = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(printed);
    result.put("out", out.toString());
    return result;
  }

  private Path script() throws Exception {
    Path script = dir.resolve("charger.py");
    if (!Files.exists(script)) {
      try (var in = Peers.class.getResourceAsStream("/charger/charger.py")) {
        Files.write(script, in.readAllBytes());
      }
    }
    return script;
  }

  static int freePort() throws java.io.IOException {
    return FreePorts.next();
  }

  static String python() {
    return Path.of(System.getProperty("pnc.venv"), "bin", "python").toString();
  }

  /** The ISO 15118 schemas (and Josev's EXI codec one folder up), from the PyPI iso15118 wheel. */
  static Path iso15118Schemas() {
    return Path.of(System.getProperty("pnc.iso15118"), "iso15118", "shared", "schemas");
  }

  /** The OCA schemas, from the ocpp package in the test virtual environment. */
  static String schemaDirectory() throws Exception {
    Process p =
        new ProcessBuilder(python(), "-c", "import ocpp,os;print(os.path.dirname(ocpp.__file__))")
            .start();
    String dir =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
            .strip();
    p.waitFor();
    return dir;
  }

  @Override
  public void close() {
    bridge.after();
    ca.after();
  }

  /** Stops the CA and starts it again on the same port, database and hierarchy. */
  void restartCa() throws Exception {
    ca.after();
    ca.before();
  }

  /**
   * Pools {@code root} (a PEM file) at the CA as {@code rootType}, with the fingerprint openssl
   * computes for it, as an admin does with one confirmed out of band.
   */
  void poolRoot(Path root, String rootType) throws Exception {
    String der =
        java.util.Base64.getEncoder()
            .encodeToString(
                java.util.Base64.getMimeDecoder()
                    .decode(
                        Files.readString(root)
                            .replace("-----BEGIN CERTIFICATE-----", "")
                            .replace("-----END CERTIFICATE-----", "")
                            .strip()));
    var pooled =
        caAdmin(
            "PUT",
            "/v1/root/rootCerts",
            """
            {"caCertificate": "%s", "rootType": "%s", "fingerprint": "%s"}"""
                .formatted(der, rootType, dev.pncpki.ca.testing.OpensslRootOperator.sha256(root)));
    assertThat(pooled.statusCode()).as(pooled.body()).isEqualTo(200);
  }

  /** A call to the CA's API as its admin (the embedded default's admin token). */
  java.net.http.HttpResponse<String> caAdmin(String method, String path, String body)
      throws Exception {
    var request =
        java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + ca.getLocalPort() + path))
            .header("Authorization", "Bearer embedded-admin-token")
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? java.net.http.HttpRequest.BodyPublishers.noBody()
                    : java.net.http.HttpRequest.BodyPublishers.ofString(body));
    try (var http = java.net.http.HttpClient.newHttpClient()) {
      return http.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    }
  }
}
