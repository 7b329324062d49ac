package dev.pncpki.bridge.trust;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pncpki.bridge.fetch.BoundedFetch;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The roots the CA trusts, read from it: every root of its root certificate pool ({@code GET
 * /v1/root/rootCerts?includeOcpp=true}, with the bridge's token), where other operators' roots are
 * added only with a fingerprint confirmed out of band, and the V2G, MO and OEM roots of its own
 * hierarchy ({@code GET /v1/cas}, each root's {@code /chain}). Read again when older than {@link
 * #REFRESH}, in the background; while the CA cannot be reached the list last read stays in use (a
 * root removed from the pool stops being trusted within the refresh interval once the CA answers).
 * As {@link ContractRoots}, its MO and V2G roots: none until a first read succeeded.
 */
public final class CaTrustList implements ContractRoots, V2gRootSource {
  private static final Logger LOG = LoggerFactory.getLogger(CaTrustList.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  static final Duration REFRESH = Duration.ofMinutes(5);
  private static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final int MAX_BYTES = 8 * 1024 * 1024;

  private final String base;
  private final String token;
  private final HttpClient http;
  private final Clock clock;
  private volatile Optional<List<TrustedRoot>> roots = Optional.empty();

  /** A valid CPO Sub-CA 2 of the CA: the root its chain ends at, and its ISO 15118 version. */
  private record SeccChain(RootFingerprint root, String iso15118) {}

  private volatile Set<SeccChain> seccChains = Set.of();
  private volatile Instant readAt = Instant.MIN;
  private final java.util.concurrent.atomic.AtomicBoolean reading =
      new java.util.concurrent.atomic.AtomicBoolean();

  public CaTrustList(URI caBase, String token, HttpClient http, Clock clock) {
    String text = caBase.toString();
    this.base = text.endsWith("/") ? text : text + "/";
    this.token = token;
    this.http = http;
    this.clock = clock;
  }

  /**
   * Every trusted root, as last read; empty until a first read succeeded. The first call reads at
   * once (waiting for it); later ones get the list last read while a stale one is read again in the
   * background, so no caller waits on the CA.
   */
  @Override
  public Optional<List<TrustedRoot>> trusted() {
    if (roots.isEmpty()) {
      synchronized (this) {
        if (roots.isEmpty() && readAt.plusSeconds(30).isBefore(clock.instant())) {
          refresh();
        }
      }
    } else if (readAt.plus(REFRESH).isBefore(clock.instant())
        && reading.compareAndSet(false, true)) {
      Thread.ofVirtual()
          .name("trust-list")
          .start(
              () -> {
                try {
                  refresh();
                } finally {
                  reading.set(false);
                }
              });
    }
    return roots;
  }

  private void refresh() {
    Instant now = clock.instant();
    try {
      roots = Optional.of(read());
    } catch (IOException | CertificateException | RuntimeException e) {
      LOG.warn("trust list: the CA's roots cannot be read, keeping the last: {}", e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    readAt = now; // failed or not: the next attempt after REFRESH (the first one: after 30 s)
  }

  @Override
  public boolean issuesSeccUnder(RootFingerprint root, String iso15118) {
    trusted(); // read when stale, as for the roots
    return seccChains.contains(new SeccChain(root, iso15118));
  }

  @Override
  public List<X509Certificate> roots() {
    return trusted().orElse(List.of()).stream()
        .filter(r -> r.type() == TrustedRoot.Type.MO || r.type() == TrustedRoot.Type.V2G)
        .map(TrustedRoot::certificate)
        .toList();
  }

  private List<TrustedRoot> read() throws IOException, InterruptedException, CertificateException {
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    List<TrustedRoot> out = new ArrayList<>();
    JsonNode pooled =
        JSON.readTree(get("v1/root/rootCerts?includeOcpp=true", true))
            .path("RootCertificateCollection")
            .path("rootCertificates");
    for (JsonNode root : pooled) {
      Optional<TrustedRoot.Type> type = TrustedRoot.Type.of(root.path("rootType").asText());
      if (type.isEmpty()) {
        continue;
      }
      byte[] der = Base64.getDecoder().decode(root.path("caCertificate").asText(""));
      String namespace = root.path("xsdMsgDefNamespace").asText("");
      out.add(
          new TrustedRoot(
              type.get(),
              (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)),
              namespace.isEmpty()
                  ? Optional.empty()
                  : Optional.of(namespace.contains(":20:") ? "20" : "2"),
              "pool " + root.path("rootCertificateId").asText()));
    }
    JsonNode cas = JSON.readTree(get("v1/cas", false));
    Set<SeccChain> secc = new HashSet<>();
    for (JsonNode ca : cas) {
      String profile = ca.path("profile").asText();
      if (profile.startsWith("cpo-sub-ca-2")
          && ca.path("status").asText().equals("valid")
          && ca.hasNonNull("rootSha256")) {
        secc.add(
            new SeccChain(
                RootFingerprint.parse(ca.path("rootSha256").asText()),
                // the bridge asks for -20 SECC certificates on P-521 only (not Ed448)
                profile.contains("iso15118-20-p521") ? "20" : profile.contains("@") ? "" : "2"));
      }
    }
    for (JsonNode ca : cas) {
      String profile = ca.path("profile").asText();
      Optional<TrustedRoot.Type> type = ownRoot(profile);
      if (ca.hasNonNull("issuer") || type.isEmpty()) {
        continue;
      }
      byte[] pem = get("v1/cas/" + ca.path("id").asText() + "/chain", false);
      for (var c : factory.generateCertificates(new ByteArrayInputStream(pem))) {
        out.add(
            new TrustedRoot(
                type.get(),
                (X509Certificate) c,
                Optional.of(profile.contains("15118-20") ? "20" : "2"),
                "own " + ca.path("id").asText()));
      }
    }
    seccChains = Set.copyOf(secc); // with the roots: a failed read above changes neither
    return List.copyOf(out);
  }

  /** The type of an own root by its profile label ({@code v2g-root}, {@code mo-root@...}). */
  private static Optional<TrustedRoot.Type> ownRoot(String profile) {
    String base = profile.contains("@") ? profile.substring(0, profile.indexOf('@')) : profile;
    return switch (base) {
      case "v2g-root" -> Optional.of(TrustedRoot.Type.V2G);
      case "mo-root" -> Optional.of(TrustedRoot.Type.MO);
      case "oem-root" -> Optional.of(TrustedRoot.Type.OEM);
      default -> Optional.empty();
    };
  }

  private byte[] get(String path, boolean authenticated) throws IOException, InterruptedException {
    var request = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT).GET();
    if (authenticated) {
      request.header("Authorization", "Bearer " + token);
    }
    var response = BoundedFetch.send(http, request.build(), MAX_BYTES, TIMEOUT);
    byte[] bytes = response.body();
    if (response.status() != 200) {
      throw new IOException(
          "GET /"
              + path
              + " answered "
              + response.status()
              + ": "
              + new String(bytes, 0, Math.min(bytes.length, 200), StandardCharsets.UTF_8));
    }
    return bytes;
  }
}
