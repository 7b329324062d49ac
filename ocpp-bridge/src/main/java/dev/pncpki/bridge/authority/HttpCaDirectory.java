package dev.pncpki.bridge.authority;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link CaDirectory} over the CA's REST API: {@code GET /v1/cas}, which needs no credential. An
 * entry whose status or subject cannot be read is left out with a warning, so one odd entry does
 * not hide the others.
 */
public final class HttpCaDirectory implements CaDirectory {
  private static final Logger LOG = LoggerFactory.getLogger(HttpCaDirectory.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final URI cas;
  private final HttpClient http;

  public HttpCaDirectory(URI caBase, HttpClient http) {
    String base = caBase.toString();
    this.cas = URI.create((base.endsWith("/") ? base : base + "/") + "v1/cas");
    this.http = http;
  }

  @Override
  public List<Authority> authorities() throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(cas)
                .timeout(TIMEOUT)
                .header("Accept", "application/json")
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("CA list " + cas + ": HTTP " + response.statusCode());
    }
    return read(JSON.readTree(response.body()));
  }

  /** The entries of a {@code GET /v1/cas} answer. */
  static List<Authority> read(JsonNode list) throws IOException {
    if (list == null || !list.isArray()) {
      throw new IOException("CA list: not a JSON array");
    }
    List<Authority> out = new ArrayList<>();
    for (JsonNode ca : list) {
      String id = ca.path("id").asText("");
      Optional<Authority.Status> status = Authority.Status.of(ca.path("status").asText(""));
      Optional<String> subject = rfc2253(ca.path("subject").asText(""));
      if (id.isEmpty() || status.isEmpty() || subject.isEmpty()) {
        LOG.warn("CA list: an entry without a readable id, status or subject, skipped");
        continue;
      }
      out.add(new Authority(id, subject.get(), status.get()));
    }
    return out;
  }

  /**
   * The CA writes subjects as Bouncy Castle prints them (the RDNs in encoded order); station
   * certificates' issuers are recorded as the JDK prints them (RFC 2253: the RDNs in reverse). Both
   * are read back into the same DER name, so the two compare as text.
   */
  static Optional<String> rfc2253(String name) {
    if (name.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new X500Principal(new X500Name(BCStyle.INSTANCE, name).getEncoded()).getName());
    } catch (IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
