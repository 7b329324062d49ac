package dev.pncpki.ca.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pncpki.ca.testing.FreePorts;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A real OpenBao dev server ({@code bao server -dev}, in-memory storage) on a free loopback port,
 * started the way OpenBaoExtension does for the integration tests, plus the few calls the benchmark
 * needs: Transit for the CA, a PKI engine to compare with, and OpenBao's own metrics.
 */
public final class BaoServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Process process;
  private final String address;
  private final String rootToken;
  private final String version;
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private BaoServer(Process process, String address, String rootToken, String version) {
    this.process = process;
    this.address = address;
    this.rootToken = rootToken;
    this.version = version;
  }

  public static BaoServer start(Path venv, Path workDir) throws IOException, InterruptedException {
    Process v = new ProcessBuilder(venv.resolve("bin/bao").toString(), "version").start();
    String version = new String(v.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    v.waitFor();
    int port = freePort();
    String token = UUID.randomUUID().toString();
    Path log = workDir.resolve("openbao.log");
    Process process =
        new ProcessBuilder(
                List.of(
                    venv.resolve("bin/bao").toString(),
                    "server",
                    "-dev",
                    "-dev-root-token-id=" + token,
                    "-dev-listen-address=127.0.0.1:" + port))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    var bao = new BaoServer(process, "http://127.0.0.1:" + port, token, version);
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!bao.healthy()) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        bao.close();
        throw new IllegalStateException("OpenBao did not start: " + Files.readString(log));
      }
      Thread.sleep(100);
    }
    return bao;
  }

  public static int freePort() throws IOException {
    return FreePorts.next();
  }

  public String address() {
    return address;
  }

  /** What {@code bao version} says. */
  String version() {
    return version;
  }

  public long pid() {
    return process.pid();
  }

  /** Transit with the CA's least-privilege policy; returns a token holding only that policy. */
  public String prepareTransitForCa() throws IOException, InterruptedException {
    root("POST", "sys/mounts/transit", Map.of("type", "transit"));
    root("PUT", "sys/policies/acl/pnc-ca", Map.of("policy", resource("/vault/pnc-ca.hcl")));
    return tokenWith("pnc-ca");
  }

  /**
   * OpenBao's PKI engine with a P-256 root it generated and a role "bench" that signs any CN with
   * an EC P-256 key; returns a token that may only sign with that role.
   */
  String preparePki() throws IOException, InterruptedException {
    root(
        "POST",
        "sys/mounts/pki",
        Map.of("type", "pki", "config", Map.of("max_lease_ttl", "87600h")));
    root(
        "POST",
        "pki/root/generate/internal",
        Map.of(
            "common_name", "Bench PKI Root", "key_type", "ec", "key_bits", 256, "ttl", "87600h"));
    Map<String, Object> role = new HashMap<>();
    role.put("allow_any_name", true);
    role.put("enforce_hostnames", false);
    role.put("cn_validations", "disabled");
    role.put("key_type", "ec");
    role.put("key_bits", 256);
    role.put("client_flag", true);
    role.put("server_flag", false);
    role.put("ttl", "8760h");
    root("POST", "pki/roles/bench", role);
    String policy = "path \"pki/sign/bench\" { capabilities = [\"create\", \"update\"] }";
    root("PUT", "sys/policies/acl/bench-pki", Map.of("policy", policy));
    return tokenWith("bench-pki");
  }

  /**
   * Count and total milliseconds (go-metrics' unit) of OpenBao's request timers per route, e.g.
   * "update_transit".
   */
  Map<String, double[]> routeTimers() throws IOException, InterruptedException {
    var request =
        HttpRequest.newBuilder(URI.create(address + "/v1/sys/metrics?format=prometheus"))
            .header("X-Vault-Token", rootToken)
            .build();
    String text = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    Map<String, double[]> timers = new HashMap<>();
    for (String line : text.lines().toList()) {
      if (!line.startsWith("vault_route_") || line.indexOf(' ') < 0) {
        continue;
      }
      String name = line.substring(0, line.indexOf(' '));
      double value = Double.parseDouble(line.substring(line.indexOf(' ') + 1).trim());
      int kind = name.endsWith("__count") ? 0 : name.endsWith("__sum") ? 1 : -1;
      if (kind >= 0) {
        String route = name.substring("vault_route_".length(), name.lastIndexOf("__"));
        timers.computeIfAbsent(route, r -> new double[2])[kind] = value;
      }
    }
    return timers;
  }

  private String tokenWith(String policy) throws IOException, InterruptedException {
    JsonNode reply =
        root(
            "POST",
            "auth/token/create",
            Map.of("policies", List.of(policy), "no_default_policy", true, "ttl", "4h"));
    return reply.path("auth").path("client_token").asText();
  }

  private JsonNode root(String method, String path, Object body)
      throws IOException, InterruptedException {
    var request =
        HttpRequest.newBuilder(URI.create(address + "/v1/" + path))
            .header("X-Vault-Token", rootToken)
            .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
            .build();
    var response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException(
          "OpenBao " + method + " " + path + ": " + response.statusCode() + " " + response.body());
    }
    return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
  }

  private boolean healthy() throws InterruptedException {
    try {
      var request = HttpRequest.newBuilder(URI.create(address + "/v1/sys/health")).build();
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException notYet) {
      return false;
    }
  }

  private static String resource(String name) {
    try (InputStream in = BaoServer.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is not on the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
