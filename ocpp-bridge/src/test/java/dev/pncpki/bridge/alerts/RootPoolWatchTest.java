package dev.pncpki.bridge.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Alerts for pooled roots as the CA's RCP-shaped pool lists them, with the bridge's token. */
class RootPoolWatchTest {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final AlertSettings SETTINGS =
      new AlertSettings(null, null, null, null, null, null);

  private final AtomicReference<String> body = new AtomicReference<>("");
  private final AtomicReference<Integer> status = new AtomicReference<>(200);
  private final AtomicReference<String> authorization = new AtomicReference<>();
  private HttpServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/v1/root/rootCerts",
        exchange -> {
          authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
          byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status.get(), bytes.length == 0 ? -1 : bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
    http.close();
  }

  private RootPoolWatch watch() {
    return new RootPoolWatch(
        URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
        "bridge-token",
        SETTINGS,
        http,
        CLOCK);
  }

  private static String root(String id, String type, String dn, Instant validTo) {
    return """
        {"rootCertificateId":"%s","rootType":"%s","distinguishedName":"%s","validTo":"%s"}"""
        .formatted(id, type, dn, validTo);
  }

  private void pool(String... roots) {
    body.set(
        "{\"RootCertificateCollection\":{\"rootCertificates\":[" + String.join(",", roots) + "]}}");
  }

  @Test
  void rootsEndingWithinTheWindowOrEndedAreAlertedAndTheOthersNot() throws Exception {
    pool(
        root("a", "V2G", "CN=Soon Root", NOW.plus(Duration.ofDays(20))),
        root("b", "MO", "CN=Ended Root", NOW.minus(Duration.ofDays(1))),
        root("c", "V2G", "CN=Far Root", NOW.plus(Duration.ofDays(400))),
        root("d", "OEM", "CN=Unreadable", Instant.EPOCH).replace("1970-01-01T00:00:00Z", "soon"));

    var alerts = watch().current();

    assertThat(authorization.get()).isEqualTo("Bearer bridge-token");
    assertThat(alerts).extracting(Alert::key).containsExactlyInAnyOrder("root:a", "root:b");
    assertThat(alerts)
        .filteredOn(a -> a.key().equals("root:a"))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.severity()).isEqualTo(Alert.Severity.WARNING);
              assertThat(a.detail()).contains("V2G root CN=Soon Root");
            });
    assertThat(alerts)
        .filteredOn(a -> a.key().equals("root:b"))
        .singleElement()
        .satisfies(a -> assertThat(a.severity()).isEqualTo(Alert.Severity.CRITICAL));
  }

  @Test
  void aPoolThatCannotBeReadKeepsThePreviousAlerts() {
    status.set(401);
    assertThatThrownBy(() -> watch().current())
        .isInstanceOf(IOException.class)
        .hasMessageContaining("401");
  }
}
