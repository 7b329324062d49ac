package dev.pncpki.ca.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The CA service in a JVM of its own, as {@code java -jar ca-service-*-app.jar server config.yml}
 * would run it (or from this class path): keys in OpenBao Transit, an embedded PostgreSQL in the
 * run's folder, the demo hierarchy created at start, HTTP on loopback ports only.
 */
public final class CaProcess implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Process process;
  private final int port;
  private final int adminPort;
  private final Path dir;
  private final ExternalPostgres external; // null: the service runs its embedded PostgreSQL
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private CaProcess(Process process, int port, int adminPort, Path dir, ExternalPostgres external) {
    this.process = process;
    this.port = port;
    this.adminPort = adminPort;
    this.dir = dir;
    this.external = external;
  }

  public static CaProcess start(BenchOptions options, String baoAddress, String token)
      throws IOException, InterruptedException {
    return start(options, baoAddress, token, BaoServer.freePort(), BaoServer.freePort());
  }

  /**
   * The same service again after {@link #close}: same data directory and ports (the hierarchy's
   * OCSP and CRL URLs name the port, so the service refuses to start on another).
   */
  public CaProcess restart(BenchOptions options, String baoAddress, String token)
      throws IOException, InterruptedException {
    return start(options, baoAddress, token, port, adminPort);
  }

  private static CaProcess start(
      BenchOptions options, String baoAddress, String token, int port, int adminPort)
      throws IOException, InterruptedException {
    Path dir = options.workDir().resolve("ca");
    Files.createDirectories(dir);
    ExternalPostgres external =
        options.externalDatabase() ? new ExternalPostgres(dir.resolve("postgres")) : null;
    String database =
        external != null
            ? external.yaml()
            : "{embeddedDirectory: \"%s\"}".formatted(dir.resolve("postgres"));
    Path config = dir.resolve("config.yml");
    Files.writeString(config, config(options, dir, port, adminPort, baoAddress, token, database));
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(options.serviceJvmArgs());
    options
        .serviceJar()
        .ifPresentOrElse(
            j -> command.addAll(List.of("-jar", j.toString())),
            () ->
                command.addAll(
                    List.of(
                        "-cp",
                        System.getProperty("java.class.path"),
                        "dev.pncpki.ca.app.CaApplication")));
    command.addAll(List.of("server", config.toString()));
    Path log = dir.resolve("service.log");
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())) // a restart adds to it
            .start();
    var ca = new CaProcess(process, port, adminPort, dir, external);
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (!ca.healthy()) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        ca.close();
        throw new IllegalStateException("the CA service did not start; see " + log);
      }
      Thread.sleep(200);
    }
    return ca;
  }

  private static String config(
      BenchOptions options,
      Path dir,
      int port,
      int adminPort,
      String baoAddress,
      String token,
      String database) {
    return """
        server:
          applicationConnectors: [{type: http, bindHost: 127.0.0.1, port: %d}]
          adminConnectors: [{type: http, bindHost: 127.0.0.1, port: %d}]
        %s
        keys: {type: vault, address: "%s", token: "%s"}
        hierarchy: {directory: "%s", ceremonyOnStart: true}
        database: %s
        apiTokens:
          - {name: bench-admin, roles: [admin], sha256: 8047b1607b9cbc6820d69c4e44b6161479b283ae71948ebed9c5b2e3c85cc49e}
          - {name: bench-oem, roles: ["oem:bench-oem"], sha256: cfb00b5d065fb9893ff579e1305ae8afb15cebb8cb53e4fdbe5a7f50b5899f46}
          - {name: bench-mo, roles: ["mo:bench-mo"], sha256: 5e820217173630614665b283b7e153f34213bcad26557d5666ecce61805300b8}
          - {name: bench-bridge, roles: [bridge], organization: Demo CPO, sha256: 9c0e3bf865f32d09bb7baad863c993773b0808ce383943fec4f9461db6eeb965}
        %s
        contracts:
          hierarchyOemRootsFor: "oem:bench-oem"
          tenants:
            - {role: "mo:bench-mo", organization: "Bench MO", providerIds: [DEPNC]}
            - {role: "oem:bench-oem", wmis: [WMI]}
        """
        .formatted(
            port,
            adminPort,
            options.requestLog() ? "" : "  requestLog: {appenders: []}",
            baoAddress,
            token,
            dir.resolve("hierarchy"),
            database,
            // the bridge's installation benchmark serves Get15118EVCertificate
            System.getProperty("bench.iso15118SchemaDirectory") == null
                ? ""
                : "iso15118SchemaDirectory: \"%s\""
                    .formatted(System.getProperty("bench.iso15118SchemaDirectory")));
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  int port() {
    return port;
  }

  public long pid() {
    return process.pid();
  }

  /** The embedded PostgreSQL's postmaster, from its pid file (line 1) and port (line 4). */
  public Optional<long[]> postmaster() {
    try {
      List<String> lines = Files.readAllLines(dir.resolve("postgres/postmaster.pid"));
      return Optional.of(
          new long[] {Long.parseLong(lines.get(0).trim()), Long.parseLong(lines.get(3).trim())});
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Dropwizard's metrics from the admin port (timers, gauges, meters), or null if unreachable. */
  JsonNode metrics() {
    try {
      var request =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/metrics")).build();
      return JSON.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private boolean healthy() throws InterruptedException {
    try {
      var request = HttpRequest.newBuilder(URI.create(baseUrl() + "/v1/cas")).build();
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException notYet) {
      return false;
    }
  }

  /**
   * Stops the service the way an operator would (SIGTERM: Dropwizard stops its embedded PostgreSQL
   * on the way out); only if that fails are the service and then its own postmaster killed, by
   * process id. An external PostgreSQL is stopped after the service.
   */
  @Override
  public void close() {
    Optional<long[]> postgres = postmaster();
    process.destroy();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    if (external != null) {
      external.statementReport(25).forEach(line -> CaBenchmark.progress("ca pg " + line));
      try {
        external.close();
      } catch (IOException e) {
        CaBenchmark.progress("PostgreSQL did not stop cleanly: " + e.getMessage());
      }
    }
    postgres
        .flatMap(p -> ProcessHandle.of(p[0]))
        .filter(h -> h.info().commandLine().orElse("").contains(dir.toString()))
        .ifPresent(ProcessHandle::destroy);
  }
}
