package dev.pncpki.bridge.certificates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.Semaphore;

/**
 * The bridge's only way to the CA: its REST API, with the bridge's own limited credential (role
 * {@code bridge}: SECC and charging-station certificates, for the identity it names, under the CPO
 * organisation its credential is bound to).
 */
public final class CaClient {
  /** What the CA answered for an issuance. */
  public record Issued(String serial, String certificatePem, String chainPem) {}

  /** The CA refused or could not be reached. */
  public static final class CaException extends Exception {
    private static final long serialVersionUID = 1L;

    CaException(String message) {
      super(message);
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

  /**
   * Asks the CA to issue {@code profile} for the CSR. The idempotency key is derived from the
   * station and the CSR, so a station that sends the same CSR again gets the same certificate and
   * nothing is issued twice.
   */
  public Issued issue(String stationId, String profile, String csrPem, String identity)
      throws CaException {
    JsonNode json =
        post(
            "/v1/certificates",
            Map.of("profile", profile, "csr", csrPem, "identity", identity),
            201,
            "Idempotency-Key",
            idempotencyKey(stationId, csrPem));
    return new Issued(
        json.path("serial").asText(),
        json.path("certificate").asText(),
        json.path("chain").asText());
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
      if (e.getMessage().contains(" 409 ")) {
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
      JsonNode json = JSON.readTree(response.body());
      if (response.statusCode() != expected) {
        throw new CaException(
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

  static String idempotencyKey(String stationId, String csrPem) {
    try {
      var sha = MessageDigest.getInstance("SHA-256");
      sha.update(stationId.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(csrPem.strip().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return "ocpp-" + HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
