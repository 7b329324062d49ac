package dev.pncpki.bridge.certificates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pncpki.bridge.trust.RootFingerprint;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;

/**
 * The bridge's only way to the CA: its REST API, with the bridge's own limited credential (role
 * {@code bridge}: SECC and charging-station certificates, for the identity it names, under the CPO
 * organisation its credential is bound to).
 */
public final class CaClient implements Issuer {
  /** What the CA answered for an issuance. */
  public record Issued(String serial, String certificatePem, String chainPem, String rootPem) {
    public Issued(String serial, String certificatePem, String chainPem) {
      this(serial, certificatePem, chainPem, "");
    }

    /** The SHA-256 fingerprint of the root the CA issued under, if it named one. */
    public Optional<RootFingerprint> root() {
      String base64 =
          rootPem
              .replace("-----BEGIN CERTIFICATE-----", "")
              .replace("-----END CERTIFICATE-----", "")
              .replaceAll("\\s", "");
      if (base64.isEmpty()) {
        return Optional.empty();
      }
      try {
        return Optional.of(RootFingerprint.of(java.util.Base64.getDecoder().decode(base64)));
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }
  }

  /**
   * The CA refused ({@code status} its HTTP status, {@code code} its problem code) or could not be
   * reached ({@code status} 0).
   */
  public static final class CaException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String code;

    CaException(String message) {
      this(0, "", message);
    }

    public CaException(int status, String code, String message) {
      super(message);
      this.status = status;
      this.code = code;
    }

    public int status() {
      return status;
    }

    /**
     * Whether asking again later may succeed: the CA was unreachable or unavailable (5xx, 429), or
     * it is still completing an issuance under the same idempotency key (409 issuance-in-progress).
     * Any other answer is the CA's decision about the request.
     */
    public boolean transientFailure() {
      return status == 0
          || status >= 500
          || status == 429
          || (status == 409 && code.equals("issuance-in-progress"));
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private final URI base;
  private final String token;
  private final HttpClient http;
  private final Semaphore inFlight;

  /**
   * At most {@code concurrency} requests to the CA at a time from this bridge; the others wait
   * here, so that a fleet-wide rotation queues in the bridges instead of timing out at a busy CA.
   */
  public CaClient(URI base, String token, HttpClient http, int concurrency) {
    this.base = base;
    this.token = token;
    this.http = http;
    this.inFlight = new Semaphore(concurrency, true);
  }

  @Override
  public Issued issue(
      String profile,
      String csrPem,
      String identity,
      Optional<RootFingerprint> root,
      String idempotencyKey)
      throws CaException {
    Map<String, String> body = new java.util.HashMap<>();
    body.put("profile", profile);
    body.put("csr", csrPem);
    body.put("identity", identity);
    root.ifPresent(r -> body.put("root", r.hex()));
    JsonNode json = post("/v1/certificates", body, 201, "Idempotency-Key", idempotencyKey);
    return new Issued(
        json.path("serial").asText(),
        json.path("certificate").asText(),
        json.path("chain").asText(),
        json.path("root").asText(""));
  }

  /**
   * What the CA answered a vehicle's certificate request: the EXI response (base64) and its code.
   */
  public record Installation(String exiResponse, String responseCode) {}

  /**
   * Passes a vehicle's ISO 15118-2 CertificateInstallationReq or CertificateUpdateReq (base64 EXI)
   * to the CA's certificate provisioning service.
   */
  public Installation certificateInstallation(boolean update, String exiRequest, String namespace)
      throws CaException {
    JsonNode json =
        post(
            "/v1/iso15118/certificate-installation",
            Map.of(
                update ? "certificateUpdateReq" : "certificateInstallationReq",
                exiRequest,
                "xsdMsgDefNamespace",
                namespace),
            200);
    return new Installation(
        json.path(update ? "certificateUpdateRes" : "certificateInstallationRes").asText(),
        json.path("responseCode").asText());
  }

  /**
   * Revokes, as superseded, a station certificate this bridge requested (the CA allows the bridge
   * nothing else); true if revoked now or before.
   */
  public boolean revokeSuperseded(String serial) throws CaException {
    try {
      post("/v1/certificates/" + serial + "/revoke", Map.of("reason", "superseded"), 200);
      return true;
    } catch (CaException e) {
      if (e.status() == 409) {
        return true; // revoked already
      }
      throw e;
    }
  }

  private JsonNode post(String path, Map<String, String> body, int expected, String... headers)
      throws CaException {
    try {
      var request =
          HttpRequest.newBuilder(base.resolve(path))
              .timeout(Duration.ofSeconds(20))
              .header("Authorization", "Bearer " + token)
              .header("Content-Type", "application/json");
      for (int i = 0; i + 1 < headers.length; i += 2) {
        request.header(headers[i], headers[i + 1]);
      }
      HttpResponse<String> response;
      inFlight.acquire();
      try {
        response =
            http.send(
                request
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
      } finally {
        inFlight.release();
      }
      JsonNode json = readJson(response);
      if (response.statusCode() != expected) {
        throw new CaException(
            response.statusCode(),
            json.path("code").asText(),
            "CA answered "
                + response.statusCode()
                + " "
                + json.path("code").asText()
                + ": "
                + json.path("detail").asText());
      }
      return json;
    } catch (IOException e) {
      throw new CaException("CA unreachable: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CaException("interrupted");
    }
  }

  /** The answer's JSON; an answer that is not JSON (a proxy's error page) reads as empty. */
  private static JsonNode readJson(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }
}
