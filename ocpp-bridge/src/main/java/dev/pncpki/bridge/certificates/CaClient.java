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

  public CaClient(URI base, String token, HttpClient http) {
    this.base = base;
    this.token = token;
    this.http = http;
  }

  /**
   * Asks the CA to issue {@code profile} for the CSR. The idempotency key is derived from the
   * station and the CSR, so a station that sends the same CSR again gets the same certificate and
   * nothing is issued twice.
   */
  public Issued issue(String stationId, String profile, String csrPem, String identity)
      throws CaException {
    try {
      byte[] body =
          JSON.writeValueAsBytes(Map.of("profile", profile, "csr", csrPem, "identity", identity));
      var request =
          HttpRequest.newBuilder(base.resolve("/v1/certificates"))
              .timeout(Duration.ofSeconds(20))
              .header("Authorization", "Bearer " + token)
              .header("Content-Type", "application/json")
              .header("Idempotency-Key", idempotencyKey(stationId, csrPem))
              .POST(HttpRequest.BodyPublishers.ofByteArray(body))
              .build();
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      JsonNode json = JSON.readTree(response.body());
      if (response.statusCode() != 201) {
        throw new CaException(
            "CA answered "
                + response.statusCode()
                + " "
                + json.path("code").asText()
                + ": "
                + json.path("detail").asText());
      }
      return new Issued(
          json.path("serial").asText(),
          json.path("certificate").asText(),
          json.path("chain").asText());
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
