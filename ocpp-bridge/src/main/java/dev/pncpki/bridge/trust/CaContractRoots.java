package dev.pncpki.bridge.trust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ContractRoots} read from the CA: the MO and V2G roots of its root certificate pool ({@code
 * GET /v1/root/rootCerts}, with the bridge's token), where other operators' roots are added only
 * with a fingerprint confirmed out of band, and the roots of the CA's own hierarchy ({@code GET
 * /v1/cas}, each root's {@code /chain}). Read again when older than {@link #REFRESH}; while the CA
 * cannot be reached the roots last read stay in use (a removed root thus stops being trusted within
 * the refresh interval once the CA answers).
 */
public final class CaContractRoots implements ContractRoots {
  private static final Logger LOG = LoggerFactory.getLogger(CaContractRoots.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final Duration REFRESH = Duration.ofMinutes(5);
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final int MAX_BYTES = 8 * 1024 * 1024;
  private static final Set<String> OWN_ROOT_PROFILES = Set.of("v2g-root", "mo-root");

  private final String base;
  private final String token;
  private final HttpClient http;
  private final Clock clock;
  private List<X509Certificate> roots = List.of();
  private Instant readAt = Instant.MIN;

  public CaContractRoots(URI caBase, String token, HttpClient http, Clock clock) {
    String text = caBase.toString();
    this.base = text.endsWith("/") ? text : text + "/";
    this.token = token;
    this.http = http;
    this.clock = clock;
  }

  @Override
  public synchronized List<X509Certificate> roots() {
    Instant now = clock.instant();
    if (readAt.plus(REFRESH).isBefore(now)) {
      try {
        roots = read();
        readAt = now;
      } catch (IOException | CertificateException | RuntimeException e) {
        LOG.warn(
            "contract roots: the CA's root pool cannot be read, keeping the last: {}",
            e.getMessage());
        readAt = now.minus(REFRESH).plus(Duration.ofSeconds(30)); // try again in 30 s
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return roots;
  }

  private List<X509Certificate> read()
      throws IOException, InterruptedException, CertificateException {
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    List<X509Certificate> out = new ArrayList<>();
    for (String type : List.of("mo", "v2g")) {
      JsonNode pooled =
          JSON.readTree(get("v1/root/rootCerts?rootType=" + type, true))
              .path("RootCertificateCollection")
              .path("rootCertificates");
      for (JsonNode root : pooled) {
        byte[] der = Base64.getDecoder().decode(root.path("caCertificate").asText(""));
        out.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
      }
    }
    for (JsonNode ca : JSON.readTree(get("v1/cas", false))) {
      if (!ca.hasNonNull("issuer") && OWN_ROOT_PROFILES.contains(ca.path("profile").asText())) {
        byte[] pem = get("v1/cas/" + ca.path("id").asText() + "/chain", false);
        for (var c : factory.generateCertificates(new ByteArrayInputStream(pem))) {
          out.add((X509Certificate) c);
        }
      }
    }
    return List.copyOf(out);
  }

  private byte[] get(String path, boolean authenticated) throws IOException, InterruptedException {
    var request = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT).GET();
    if (authenticated) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<InputStream> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = response.body()) {
      byte[] bytes = body.readNBytes(MAX_BYTES + 1);
      if (response.statusCode() != 200 || bytes.length > MAX_BYTES) {
        throw new IOException(
            "GET /"
                + path
                + " answered "
                + response.statusCode()
                + ", "
                + bytes.length
                + " bytes: "
                + new String(bytes, 0, Math.min(bytes.length, 200), StandardCharsets.UTF_8));
      }
      return bytes;
    }
  }
}
