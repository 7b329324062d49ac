package dev.pncpki.bridge.alerts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs each raise and clear as {@code {"event":"raised"|"cleared","alert":{...}}}, signed so the
 * receiver can tell it came from this bridge: {@code X-PncPki-Timestamp} (Unix seconds) and {@code
 * X-PncPki-Signature: sha256=<hex HMAC-SHA256 of timestamp + "." + body>}. The timestamp is inside
 * the MAC, so a receiver that rejects old timestamps also rejects replays; each attempt is signed
 * afresh for that reason.
 *
 * <p>Sending is asynchronous (the hub calls sinks under its lock). A failed attempt (IO error or a
 * status other than 2xx) is retried after 1 s and 4 s; after the third it is logged and dropped,
 * because the alert stays visible in the log, the metrics and the admin list. The secret is never
 * logged, nor the URL's query (which some receivers use for a token).
 */
public final class WebhookSink implements AlertSink {
  private static final Logger LOG = LoggerFactory.getLogger(WebhookSink.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  static final List<Duration> BACKOFF = List.of(Duration.ofSeconds(1), Duration.ofSeconds(4));

  private final URI url;
  private final SecretKeySpec key;
  private final HttpClient http;
  private final Clock clock;
  private final List<Duration> backoff;

  public WebhookSink(AlertSettings.Webhook webhook, HttpClient http, Clock clock) {
    this(URI.create(webhook.url()), webhook.secret(), http, clock, BACKOFF);
  }

  /** {@code backoff}: the waits before the second, third, ... attempt. */
  WebhookSink(URI url, String secret, HttpClient http, Clock clock, List<Duration> backoff) {
    check(url.toString(), secret);
    this.url = url;
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    this.http = http;
    this.clock = clock;
    this.backoff = List.copyOf(backoff);
  }

  /** Refuses a secret under 16 characters (guessable) and a URL other than http(s) with a host. */
  static void check(String url, String secret) {
    if (secret == null || secret.length() < 16) {
      throw new IllegalArgumentException("the webhook secret must have at least 16 characters");
    }
    if (url == null) {
      throw new IllegalArgumentException("the webhook needs a URL");
    }
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the webhook URL is not a URI", e);
    }
    if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
        || uri.getHost() == null) {
      throw new IllegalArgumentException("the webhook URL must be http or https with a host");
    }
  }

  @Override
  public void raised(Alert alert) {
    send("raised", alert);
  }

  @Override
  public void cleared(Alert alert) {
    send("cleared", alert);
  }

  private void send(String event, Alert alert) {
    ObjectNode message = JSON.createObjectNode();
    message.put("event", event);
    message.set("alert", alert.toJson());
    String body;
    try {
      body = JSON.writeValueAsString(message);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("an alert always serialises", e);
    }
    attempt(body, event + " " + LogSink.clean(alert.key()), 1);
  }

  private void attempt(String body, String what, int number) {
    String timestamp = Long.toString(clock.instant().getEpochSecond());
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json")
            .header("X-PncPki-Timestamp", timestamp)
            .header("X-PncPki-Signature", "sha256=" + sign(timestamp + "." + body))
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build();
    // the handler below deals with every outcome; nobody waits for the future
    var unused =
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
            .handle(
                (response, error) -> {
                  if (error == null && response.statusCode() / 100 == 2) {
                    return null;
                  }
                  String reason =
                      error != null ? error.toString() : "HTTP " + response.statusCode();
                  if (number > backoff.size()) {
                    LOG.warn(
                        "webhook {}: alert {} not delivered after {} attempt(s): {}",
                        where(),
                        what,
                        number,
                        reason);
                  } else {
                    Duration wait = backoff.get(number - 1);
                    CompletableFuture.delayedExecutor(wait.toMillis(), TimeUnit.MILLISECONDS)
                        .execute(() -> attempt(body, what, number + 1));
                  }
                  return null;
                });
  }

  /** The URL without user info and query, for logs. */
  private String where() {
    return url.getScheme()
        + "://"
        + url.getHost()
        + (url.getPort() < 0 ? "" : ":" + url.getPort())
        + (url.getPath() == null ? "" : url.getPath());
  }

  private String sign(String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
