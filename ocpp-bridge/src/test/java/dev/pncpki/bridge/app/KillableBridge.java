package dev.pncpki.bridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A bridge instance in a process of its own (the packaged jar), with the configuration {@link
 * Peers} wrote for its in-process bridge on ports of its own and a fixed instance id: it shares
 * that bridge's database, and can be killed with SIGKILL (no shutdown, no cleanup: leases, advisory
 * locks and CALLs on the wire left as they were) and started again on the same ports, so that its
 * stations reconnect to it.
 */
final class KillableBridge implements AutoCloseable {
  private final Path dir;
  private final String instanceId;
  private final Path config;
  final int port;
  final int adminPort;
  private Process process;

  private KillableBridge(Path dir, String instanceId, Path config, int port, int adminPort) {
    this.dir = dir;
    this.instanceId = instanceId;
    this.config = config;
    this.port = port;
    this.adminPort = adminPort;
  }

  /** Configured from {@code dir/bridge.yml} (see {@link Peers}); not started yet. */
  static KillableBridge configure(Path dir, String instanceId) throws Exception {
    int port = Peers.freePort();
    int adminPort = Peers.freePort();
    Path config = dir.resolve(instanceId + ".yml");
    Files.writeString(
        config,
        Files.readString(dir.resolve("bridge.yml"))
                .replaceFirst(
                    "applicationConnectors: \\[\\{type: http, bindHost: 127.0.0.1, port: 0\\}\\]",
                    "applicationConnectors: [{type: http, bindHost: 127.0.0.1, port: "
                        + port
                        + "}]")
                .replaceFirst(
                    "adminConnectors: \\[\\{type: http, bindHost: 127.0.0.1, port: 0\\}\\]",
                    "adminConnectors: [{type: http, bindHost: 127.0.0.1, port: " + adminPort + "}]")
            + "\ninstanceId: "
            + instanceId
            + "\n");
    return new KillableBridge(dir, instanceId, config, port, adminPort);
  }

  /**
   * Configured from a file of its own, whose first application connector is plain HTTP on {@code
   * port} and whose admin connector is on {@code adminPort}; not started yet.
   */
  static KillableBridge of(Path dir, String instanceId, Path config, int port, int adminPort) {
    return new KillableBridge(dir, instanceId, config, port, adminPort);
  }

  String wsUrl() {
    return "ws://127.0.0.1:" + port + "/ocpp";
  }

  Path log() {
    return dir.resolve(instanceId + ".log");
  }

  /** Starts the process and waits until it answers on its admin port. */
  void start() throws Exception {
    process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m",
                "-jar",
                BridgeCli.jar().toString(),
                "server",
                config.toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()))
            .start();
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
    while (System.nanoTime() < deadline) {
      try {
        var ping =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/ping"))
                    .build(),
                HttpResponse.BodyHandlers.discarding());
        if (ping.statusCode() == 200) {
          return;
        }
      } catch (java.io.IOException notYet) {
        // starting
      }
      assertThat(process.isAlive()).as(Files.readString(log())).isTrue();
      Thread.sleep(200);
    }
    throw new AssertionError("the bridge process did not start");
  }

  /** SIGKILL, as {@code kill -9}: nothing of the bridge's own runs after it. */
  void kill() throws Exception {
    process.destroyForcibly();
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
  }

  /** SIGTERM: the bridge stops as its operator would stop it. */
  void stop() throws Exception {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  @Override
  public void close() throws Exception {
    if (process != null && process.isAlive()) {
      kill();
    }
  }
}
