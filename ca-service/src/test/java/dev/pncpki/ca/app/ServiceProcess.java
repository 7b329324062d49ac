package dev.pncpki.ca.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pncpki.ca.testing.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The CA as its users run it: {@code java -jar ca-service-*-app.jar server config/embedded.yml}, a
 * child process of the test with its data in a folder of the test's, which a test may kill.
 */
final class ServiceProcess implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String ADMIN = "embedded-admin-token";
  static final String MO = "embedded-mo-token";
  static final String OEM = "embedded-oem-token";

  /** An answer: HTTP status (-1: no answer, the connection broke) and body. */
  record Reply(int status, String body) {
    JsonNode json() throws IOException {
      return JSON.readTree(body);
    }

    String code() throws IOException {
      return status >= 400 ? json().path("code").asText() : "";
    }
  }

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final Path dir;
  private final int port;
  private final int adminPort;
  private Process process;

  ServiceProcess(Path dir) throws IOException {
    this.dir = dir;
    this.port = freePort();
    this.adminPort = freePort();
  }

  /** Starts the service and waits until it serves. */
  void start() throws Exception {
    Path jar;
    try (var files = Files.list(Path.of("target"))) {
      jar = files.filter(f -> f.toString().endsWith("-app.jar")).findFirst().orElseThrow();
    }
    var builder =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-jar",
            jar.toString(),
            "server",
            "config/embedded.yml");
    builder
        .environment()
        .putAll(
            Map.of(
                "PNC_DATA", dir.toString(),
                "PNC_HTTP_PORT", "" + port,
                "PNC_ADMIN_PORT", "" + adminPort));
    builder
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("service.log").toFile()));
    process = builder.start();
    Instant deadline = Instant.now().plusSeconds(90);
    while (Instant.now().isBefore(deadline) && process.isAlive()) {
      if (send("GET", "/v1/cas", null, null, null).status() == 200) {
        return;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException(
        "service did not start: " + Files.readString(dir.resolve("service.log")));
  }

  /** kill -9: no shutdown hook runs, PostgreSQL is left as it is. */
  void kill() throws Exception {
    new ProcessBuilder("kill", "-KILL", "" + process.pid()).start().waitFor();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  Reply send(String method, String path, String token, String idempotencyKey, Object body) {
    try {
      var request =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
              .timeout(Duration.ofSeconds(30))
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
      if (token != null) {
        request.header("Authorization", "Bearer " + token);
      }
      if (body != null) {
        request.header("Content-Type", "application/json");
      }
      if (idempotencyKey != null) {
        request.header("Idempotency-Key", idempotencyKey);
      }
      var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), response.body());
    } catch (IOException broken) {
      return new Reply(-1, String.valueOf(broken.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Reply(-1, "interrupted");
    }
  }

  /** The service's embedded PostgreSQL, for the test's own look at the rows. */
  String jdbcUrl() throws IOException {
    String port = Files.readAllLines(dir.resolve("postgres").resolve("postmaster.pid")).get(3);
    return "jdbc:postgresql://localhost:" + port.trim() + "/postgres?user=postgres";
  }

  /** Stops the service; and a PostgreSQL it left running, should it have been killed last. */
  @Override
  public void close() throws Exception {
    if (process != null && process.isAlive()) {
      process.destroy();
      process.waitFor(60, TimeUnit.SECONDS);
    }
    Path pid = dir.resolve("postgres").resolve("postmaster.pid");
    if (Files.exists(pid)) {
      long postmaster = Long.parseLong(Files.readAllLines(pid).get(0).trim());
      ProcessHandle.of(postmaster).ifPresent(ProcessHandle::destroy);
    }
  }

  private static int freePort() throws IOException {
    return FreePorts.next();
  }
}
