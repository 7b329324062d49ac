package dev.pncpki.ca.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pncpki.ca.testing.FreePorts;
import io.dropwizard.testing.DropwizardTestSupport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jdbi.v3.core.Jdbi;

/** The real CA application started in-process from a YAML configuration, with an HTTP client. */
final class RunningCa implements AutoCloseable {
  static final String ADMIN = "embedded-admin-token";
  static final String BRIDGE = "embedded-bridge-token";
  static final String OEM_A = "test-oem-a-token";
  static final String OEM_B = "test-oem-b-token";
  static final String MO_X = "test-mo-x-token";
  static final String MO_Y = "test-mo-y-token";
  static final ObjectMapper JSON = new ObjectMapper();

  private final DropwizardTestSupport<CaConfiguration> support;
  private final HttpClient http;
  private final String scheme;

  RunningCa(Path dir, String keysYaml, boolean ceremonyOnStart) throws Exception {
    this(
        dir,
        keysYaml,
        ceremonyOnStart,
        "{type: http, bindHost: 127.0.0.1, port: 0, uriCompliance: LEGACY}",
        "",
        HttpClient.newHttpClient());
  }

  /** A CA with software keys under {@code dir}, the demo hierarchy made on start. */
  static RunningCa withSoftwareKeys(Path dir) throws Exception {
    return new RunningCa(dir, softwareKeys(dir), true);
  }

  /** The keys section for software keys under {@code dir}. */
  static String softwareKeys(Path dir) {
    return "{type: software, directory: \"%s\", password: test}".formatted(dir.resolve("keys"));
  }

  /** With another application connector (e.g. https with client authentication) and extra YAML. */
  RunningCa(
      Path dir,
      String keysYaml,
      boolean ceremonyOnStart,
      String connector,
      String extraYaml,
      HttpClient client)
      throws Exception {
    this(
        dir,
        keysYaml,
        ceremonyOnStart,
        connector,
        extraYaml,
        client,
        "{embeddedDirectory: \"" + dir.resolve("postgres") + "\"}");
  }

  /** With a database section of its own, e.g. a second instance on the first one's PostgreSQL. */
  RunningCa(
      Path dir,
      String keysYaml,
      boolean ceremonyOnStart,
      String connector,
      String extraYaml,
      HttpClient client,
      String databaseYaml)
      throws Exception {
    this.http = client;
    this.scheme = connector.contains("https") ? "https" : "http";
    // a port known before start: the CA's public URL (OCSP and CRL URLs in its certificates) is
    // the address it serves, which port 0 would leave unknown until the server is up
    connector = connector.replace("port: 0", "port: " + freePort());
    Path config = dir.resolve("config.yml");
    Files.writeString(
        config,
        """
        server:
          applicationConnectors: [%s]
          adminConnectors: [{type: http, bindHost: 127.0.0.1, port: 0}]
        logging: {level: WARN}
        keys: %s
        hierarchy: {directory: "%s", ceremonyOnStart: %s}
        database: %s
        apiTokens:
          - {name: test-admin, roles: [admin], sha256: 8047b1607b9cbc6820d69c4e44b6161479b283ae71948ebed9c5b2e3c85cc49e}
          - {name: test-bridge, roles: [bridge], organization: Demo CPO, sha256: 9c0e3bf865f32d09bb7baad863c993773b0808ce383943fec4f9461db6eeb965}
          - {name: test-oem-a, roles: ["oem:oem-a"], sha256: 0b42f17d79e9f8c35aedef161499305a7c6d9a67779c4eb1d4eabcfec3259b91}
          - {name: test-oem-b, roles: ["oem:oem-b"], sha256: 3ca77a0c3d3bb874542d1a12725cbda86f349d4fc3ae477d9022498f2caddf12}
          - {name: test-mo-x, roles: ["mo:mo-x"], sha256: df1317b692e0fd46d58a66589345afc51d20675683a14838fc70e68a3a044897}
          - {name: test-mo-y, roles: ["mo:mo-y"], sha256: a069871e3c942ebabb86e367786182afdcd38d0cab6f7f33dfe9fd56d8b362c5}
        contracts:
          renewalWindowDays: 60
          tenants:
            - {role: "mo:mo-x", organization: "MO X", providerIds: [DEPNC]}
            - {role: "mo:mo-y", organization: "MO Y", providerIds: [DEMOY]}
            - {role: "oem:oem-a", wmis: [WMA, WMZ, WMR, WMD]}
            - {role: "oem:oem-b", wmis: [WMB]}
        %s
        """
            .formatted(
                connector,
                keysYaml,
                dir.resolve("hierarchy"),
                ceremonyOnStart,
                databaseYaml,
                extraYaml));
    support = new DropwizardTestSupport<>(CaApplication.class, config.toString());
    support.before();
  }

  int adminPort() {
    return support.getAdminPort();
  }

  int port() {
    return support.getLocalPort();
  }

  /** The URL under which this CA serves OCSP and CRLs (the public URL of a second instance). */
  String publicUrl() {
    return scheme + "://127.0.0.1:" + port();
  }

  static int freePort() throws IOException {
    return FreePorts.next();
  }

  Jdbi jdbi() {
    return ((CaApplication) support.getApplication()).jdbi();
  }

  record Reply(int status, String contentType, String body, HttpResponse<byte[]> raw) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new IllegalStateException("not JSON: " + body, e);
      }
    }
  }

  Reply send(
      String method, String path, String token, String contentType, byte[] body, String... headers)
      throws Exception {
    var builder =
        HttpRequest.newBuilder(
            URI.create(scheme + "://127.0.0.1:" + support.getLocalPort() + path));
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    if (contentType != null) {
      builder.header("Content-Type", contentType);
    }
    for (int i = 0; i < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    builder.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    HttpResponse<byte[]> r = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
    return new Reply(
        r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), new String(r.body()), r);
  }

  Reply postJson(String path, String token, Object body, String... headers) throws Exception {
    return send("POST", path, token, "application/json", JSON.writeValueAsBytes(body), headers);
  }

  /** POST /v1/certificates with a profile and a PEM CSR. */
  Reply issue(String profile, String csr, String token, String... headers) throws Exception {
    return postJson(
        "/v1/certificates", token, java.util.Map.of("profile", profile, "csr", csr), headers);
  }

  /** POST a DER OCSP request to the responder of {@code caId}. */
  Reply ocsp(String caId, byte[] request) throws Exception {
    return send("POST", "/ocsp/" + caId, null, "application/ocsp-request", request);
  }

  Reply get(String path, String token) throws Exception {
    return send("GET", path, token, null, null);
  }

  long rows(String sql) {
    return jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
  }

  /** The first certificate of a PEM chain: the issuing CA in a chain the API returns. */
  static String firstPem(String chain) {
    String end = "-----END CERTIFICATE-----";
    return chain.substring(0, chain.indexOf(end) + end.length()) + "\n";
  }

  /** Copies a ceremony's output, so a second instance can start on the same hierarchy. */
  static void copyHierarchy(Path fromDir, Path toDir) throws IOException {
    Files.createDirectories(toDir.resolve("hierarchy"));
    try (var files = Files.list(fromDir.resolve("hierarchy"))) {
      for (Path f : files.toList()) {
        Files.copy(f, toDir.resolve("hierarchy").resolve(f.getFileName()));
      }
    }
  }

  @Override
  public void close() {
    support.after();
  }
}
