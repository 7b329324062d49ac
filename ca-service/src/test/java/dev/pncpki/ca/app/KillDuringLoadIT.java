package dev.pncpki.ca.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pncpki.ca.testing.Csrs;
import dev.pncpki.ca.testing.FreePorts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The service process and its database are killed (SIGKILL) in the middle of an issuance load, as a
 * power cut would; after a restart every certificate any client received is in the database,
 * issued.
 */
class KillDuringLoadIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private Process start(int port, int adminPort) throws Exception {
    Path jar;
    try (var files = Files.list(Path.of("target"))) {
      jar =
          files
              .filter(f -> f.getFileName().toString().endsWith("-app.jar"))
              .findFirst()
              .orElseThrow();
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
                "PNC_DATA",
                dir.toString(),
                "PNC_HTTP_PORT",
                "" + port,
                "PNC_ADMIN_PORT",
                "" + adminPort));
    builder
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("service.log").toFile()));
    Process p = builder.start();
    Instant deadline = Instant.now().plusSeconds(60);
    while (Instant.now().isBefore(deadline)) {
      try {
        if (http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/cas"))
                        .build(),
                    HttpResponse.BodyHandlers.discarding())
                .statusCode()
            == 200) {
          return p;
        }
      } catch (java.io.IOException notYet) {
        // starting
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException(
        "service did not start: " + Files.readString(dir.resolve("service.log")));
  }

  private String issue(int port, int n) throws Exception {
    String body =
        JSON.writeValueAsString(
            Map.of(
                "profile",
                "charging-station-client",
                "csr",
                Csrs.p256("CN=CS-KILL-" + n + ", O=Demo CPO")));
    var response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/certificates"))
                .header("Authorization", "Bearer embedded-admin-token")
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return response.statusCode() == 201
        ? JSON.readTree(response.body()).path("serial").asText()
        : null;
  }

  @Test
  void everyCertificateAClientReceivedSurvivesAKill() throws Exception {
    int port = freePort();
    int adminPort = freePort();
    Process service = start(port, adminPort);
    Set<String> received = ConcurrentHashMap.newKeySet();
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService clients = Executors.newFixedThreadPool(8);
    for (int c = 0; c < 8; c++) {
      int client = c;
      clients.submit(
          () -> {
            for (int i = 0; i < 10_000 && !stop.get(); i++) {
              try {
                String serial = issue(port, client * 100_000 + i);
                if (serial != null) {
                  received.add(serial);
                }
              } catch (Exception killed) {
                return null;
              }
            }
            return null;
          });
    }
    while (received.size() < 50) {
      Thread.sleep(50);
    }
    String pgPid =
        Files.readAllLines(dir.resolve("postgres").resolve("postmaster.pid")).get(0).trim();
    service.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    new ProcessBuilder("kill", "-KILL", pgPid).start().waitFor();
    stop.set(true);
    clients.shutdown();
    assertThat(clients.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

    Process restarted = start(port, adminPort);
    try {
      List<String> missing = new ArrayList<>();
      for (String serial : received) {
        var r =
            http.send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/v1/certificates/" + serial))
                    .header("Authorization", "Bearer embedded-admin-token")
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200
            || !JSON.readTree(r.body()).path("status").asText().equals("valid")) {
          missing.add(serial + " -> " + r.statusCode());
        }
      }
      assertThat(missing).as("certificates a client received but the database lost").isEmpty();
      assertThat(received.size()).isGreaterThanOrEqualTo(50);
      assertThat(issue(port, 999_999)).as("issuance works after the restart").isNotNull();
      var audit =
          http.send(
              HttpRequest.newBuilder(
                      URI.create("http://127.0.0.1:" + port + "/v1/audit/verification"))
                  .header("Authorization", "Bearer embedded-admin-token")
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(JSON.readTree(audit.body()).path("intact").asBoolean())
          .as("audit chain after concurrent issuance and a kill: " + audit.body())
          .isTrue();
    } finally {
      restarted.destroy();
      restarted.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private static int freePort() throws Exception {
    return FreePorts.next();
  }
}
