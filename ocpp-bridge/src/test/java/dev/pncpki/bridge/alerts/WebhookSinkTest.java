package dev.pncpki.bridge.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebhookSinkTest {
  private static final String SECRET = "s3cret-s3cret-s3cret";
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  /** One POST as the receiver saw it. */
  record Delivery(String body, String contentType, String timestamp, String signature) {}

  private final BlockingQueue<Delivery> received = new LinkedBlockingQueue<>();
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private final HttpServer server = receiver();
  private final HttpClient http = HttpClient.newHttpClient();

  @TempDir Path tmp;

  private HttpServer receiver() {
    try {
      HttpServer s =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      s.createContext(
          "/hook",
          exchange -> {
            var headers = exchange.getRequestHeaders();
            received.add(
                new Delivery(
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                    headers.getFirst("Content-Type"),
                    headers.getFirst("X-PncPki-Timestamp"),
                    headers.getFirst("X-PncPki-Signature")));
            exchange.sendResponseHeaders(failuresLeft.getAndDecrement() > 0 ? 500 : 204, -1);
            exchange.close();
          });
      s.start();
      return s;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterEach
  void stop() {
    server.stop(0);
    http.close();
  }

  private URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
  }

  private WebhookSink sink(List<Duration> backoff) {
    return new WebhookSink(url(), SECRET, http, CLOCK, backoff);
  }

  private Delivery next() throws InterruptedException {
    Delivery d = received.poll(10, TimeUnit.SECONDS);
    assertThat(d).as("a delivery within 10 s").isNotNull();
    return d;
  }

  /** HMAC-SHA256 by the openssl CLI, not by the code under test. */
  private String opensslHmac(String text) throws IOException, InterruptedException {
    Path file = tmp.resolve("signed.txt");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    Process p =
        new ProcessBuilder("openssl", "dgst", "-sha256", "-hmac", SECRET, file.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(p.waitFor()).as(out).isZero();
    // "HMAC-SHA2-256(file)= <hex>"
    return out.substring(out.lastIndexOf(' ') + 1);
  }

  @Test
  void deliversASignedAlertThatOpensslVerifies() throws Exception {
    Alert alert =
        Alert.crlNearNextUpdate("cpo-sub-ca-1", "http://ca/1.crl", NOW.minusSeconds(60), NOW);
    sink(WebhookSink.BACKOFF).raised(alert);

    Delivery d = next();
    assertThat(d.contentType()).isEqualTo("application/json");
    assertThat(d.timestamp()).isEqualTo(Long.toString(NOW.getEpochSecond()));
    var json = new ObjectMapper().readTree(d.body());
    assertThat(json.path("event").asText()).isEqualTo("raised");
    assertThat(json.path("alert")).isEqualTo(alert.toJson());
    assertThat(d.signature()).isEqualTo("sha256=" + opensslHmac(d.timestamp() + "." + d.body()));
    assertThat(d.signature()).matches("sha256=[0-9a-f]{64}");
  }

  @Test
  void clearedIsDeliveredAsCleared() throws Exception {
    sink(WebhookSink.BACKOFF).cleared(Alert.waveFailed("c", 1, 2, 10, NOW));

    assertThat(new ObjectMapper().readTree(next().body()).path("event").asText())
        .isEqualTo("cleared");
  }

  @Test
  void retriesAfterFailuresUntilTheThirdAttempt() throws Exception {
    failuresLeft.set(2);
    sink(List.of(Duration.ofMillis(50), Duration.ofMillis(200)))
        .raised(Alert.waveFailed("c", 1, 2, 10, NOW));

    Delivery first = next();
    next();
    Delivery third = next();
    assertThat(third.body()).isEqualTo(first.body());
    assertThat(received.poll(500, TimeUnit.MILLISECONDS)).as("no fourth attempt").isNull();
  }

  @Test
  void givesUpAfterThreeAttempts() throws Exception {
    failuresLeft.set(10);
    sink(List.of(Duration.ofMillis(50), Duration.ofMillis(50)))
        .raised(Alert.waveFailed("c", 1, 2, 10, NOW));

    next();
    next();
    next();
    assertThat(received.poll(500, TimeUnit.MILLISECONDS)).as("no fourth attempt").isNull();
  }

  @Test
  void theCallerNeverWaitsForTheReceiver() {
    var unreachable =
        new WebhookSink(
            URI.create("http://127.0.0.1:1/hook"), SECRET, http, CLOCK, WebhookSink.BACKOFF);
    long start = System.nanoTime();
    unreachable.raised(Alert.waveFailed("c", 1, 2, 10, NOW));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
  }

  @Test
  void refusesAShortSecretAndANonHttpUrl() {
    assertThatThrownBy(() -> new WebhookSink(url(), "short", http, CLOCK, WebhookSink.BACKOFF))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("short");
    assertThatThrownBy(
            () ->
                new WebhookSink(
                    URI.create("ftp://example.org/hook"), SECRET, http, CLOCK, WebhookSink.BACKOFF))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AlertSettings.Webhook("file:///etc/passwd", SECRET))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AlertSettings.Webhook("not a url", SECRET))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theSettingsNeverShowTheSecret() {
    assertThat(new AlertSettings.Webhook("https://noc.example/hook", SECRET).toString())
        .doesNotContain(SECRET)
        .contains("noc.example");
  }
}
