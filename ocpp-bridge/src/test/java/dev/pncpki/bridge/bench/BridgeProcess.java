package dev.pncpki.bridge.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** One bridge instance in a JVM of its own, from the packaged jar, for the benchmarks. */
final class BridgeProcess implements AutoCloseable {
  private final Process process;
  final int port;
  final int adminPort;

  private BridgeProcess(Process process, int port, int adminPort) {
    this.process = process;
    this.port = port;
    this.adminPort = adminPort;
  }

  static BridgeProcess start(
      String jar, Path config, Path log, int port, int adminPort, List<String> jvm)
      throws IOException, InterruptedException {
    var command = new java.util.ArrayList<String>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(jvm);
    command.addAll(List.of("-jar", jar, "server", config.toString()));
    Process p =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    var bridge = new BridgeProcess(p, port, adminPort);
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (true) {
      try {
        var ping =
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/ping")).build();
        if (http.send(ping, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return bridge;
        }
      } catch (IOException notYet) {
        // starting
      }
      if (!p.isAlive() || System.nanoTime() > deadline) {
        bridge.close();
        throw new IllegalStateException("the bridge did not start; see " + log);
      }
      Thread.sleep(200);
    }
  }

  long pid() {
    return process.pid();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
