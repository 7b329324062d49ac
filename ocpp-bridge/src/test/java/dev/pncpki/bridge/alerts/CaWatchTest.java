package dev.pncpki.bridge.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CaWatchTest {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  /** Path -> (status, body) the fake CA answers. */
  private final Map<String, Map.Entry<Integer, byte[]>> routes = new ConcurrentHashMap<>();

  private HttpServer server;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          var route = routes.get(exchange.getRequestURI().getPath());
          byte[] body = route == null ? new byte[0] : route.getValue();
          exchange.sendResponseHeaders(
              route == null ? 404 : route.getKey(), body.length == 0 ? -1 : body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
    http.close();
  }

  private String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private static byte[] crl(Instant nextUpdate) throws Exception {
    var generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(256);
    var keys = generator.generateKeyPair();
    var builder =
        new X509v2CRLBuilder(
            new X500Name("CN=Test Sub-CA, O=Test CPO"), Date.from(NOW.minus(Duration.ofDays(1))));
    builder.setNextUpdate(Date.from(nextUpdate));
    builder.addCRLEntry(BigInteger.TEN, Date.from(NOW.minus(Duration.ofDays(2))), 1);
    return builder
        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()))
        .getEncoded();
  }

  private static String ca(String id, Instant notAfter, String crlUrl) {
    return "{\"id\":\""
        + id
        + "\",\"profile\":\"x\",\"notAfter\":\""
        + notAfter
        + "\",\"crlUrl\":"
        + (crlUrl == null ? "null" : "\"" + crlUrl + "\"")
        + "}";
  }

  private void serveCas(String... cas) {
    routes.put(
        "/v1/cas",
        Map.entry(200, ("[" + String.join(",", cas) + "]").getBytes(StandardCharsets.UTF_8)));
  }

  private CaWatch watch() {
    return new CaWatch(URI.create(base() + "/"), AlertSettings.defaults(), http, CLOCK);
  }

  private static Alert only(java.util.List<Alert> alerts, String key) {
    return alerts.stream().filter(a -> a.key().equals(key)).findFirst().orElseThrow();
  }

  @Test
  void alertsOnCaCertificatesNearTheirEndAndOnCrlsNearTheirNextUpdate() throws Exception {
    routes.put("/crl/near.crl", Map.entry(200, crl(NOW.plus(Duration.ofHours(6)))));
    routes.put("/crl/far.crl", Map.entry(200, crl(NOW.plus(Duration.ofDays(7)))));
    routes.put("/crl/passed.crl", Map.entry(200, crl(NOW.minus(Duration.ofHours(1)))));
    Instant far = NOW.plus(Duration.ofDays(3650));
    serveCas(
        ca("v2g-root", far, null),
        ca("cpo-sub-ca-1", NOW.plus(Duration.ofDays(20)), base() + "/crl/near.crl"),
        ca("cpo-sub-ca-2", far, base() + "/crl/far.crl"),
        ca("cpo-sub-ca-3", NOW.minus(Duration.ofDays(1)), base() + "/crl/passed.crl"));

    var alerts = watch().current();

    assertThat(alerts)
        .extracting(Alert::key)
        .containsExactlyInAnyOrder(
            "ca:cpo-sub-ca-1", "ca:cpo-sub-ca-3", "crl:cpo-sub-ca-1", "crl:cpo-sub-ca-3");
    assertThat(only(alerts, "ca:cpo-sub-ca-1").severity()).isEqualTo(Alert.Severity.WARNING);
    assertThat(only(alerts, "ca:cpo-sub-ca-3").severity()).isEqualTo(Alert.Severity.CRITICAL);
    Alert near = only(alerts, "crl:cpo-sub-ca-1");
    assertThat(near.kind()).isEqualTo(Alert.Kind.CRL_NEAR_NEXT_UPDATE);
    assertThat(near.severity()).isEqualTo(Alert.Severity.WARNING);
    assertThat(near.detail())
        .contains("near.crl")
        .contains(NOW.plus(Duration.ofHours(6)).toString());
    assertThat(only(alerts, "crl:cpo-sub-ca-3").severity()).isEqualTo(Alert.Severity.CRITICAL);
    assertThat(alerts).allSatisfy(a -> assertThat(a.since()).isEqualTo(NOW));
  }

  @Test
  void aCrlThatCannotBeFetchedOrReadIsAnAlertWithTheReason() throws Exception {
    routes.put("/crl/garbage.crl", Map.entry(200, "not DER".getBytes(StandardCharsets.UTF_8)));
    Instant far = NOW.plus(Duration.ofDays(3650));
    serveCas(
        ca("mo-sub-ca-1", far, "http://127.0.0.1:1/unreachable.crl"),
        ca("mo-sub-ca-2", far, base() + "/crl/missing.crl"),
        ca("oem-sub-ca-1", far, base() + "/crl/garbage.crl"),
        ca("oem-sub-ca-2", far, "ldap://directory.example/cn=oem"));

    var alerts = watch().current();

    assertThat(alerts)
        .hasSize(4)
        .allSatisfy(a -> assertThat(a.kind()).isEqualTo(Alert.Kind.CRL_NEAR_NEXT_UPDATE));
    assertThat(only(alerts, "crl:mo-sub-ca-1").detail())
        .contains("unavailable")
        .contains("Connect");
    assertThat(only(alerts, "crl:mo-sub-ca-2").detail()).contains("HTTP 404");
    assertThat(only(alerts, "crl:oem-sub-ca-1").detail()).contains("not a CRL");
    assertThat(only(alerts, "crl:oem-sub-ca-2").detail()).contains("only http and https");
  }

  @Test
  void aSharedCrlIsFetchedOnceAndAlertedForEachOfItsCas() throws Exception {
    routes.put("/crl/near.crl", Map.entry(200, crl(NOW.plus(Duration.ofHours(1)))));
    Instant far = NOW.plus(Duration.ofDays(3650));
    serveCas(ca("a", far, base() + "/crl/near.crl"), ca("b", far, base() + "/crl/near.crl"));

    assertThat(watch().current()).extracting(Alert::key).containsExactly("crl:a", "crl:b");
  }

  @Test
  void anUnreadableCaListFailsTheCheckSoThePreviousAlertsStay() {
    routes.put("/v1/cas", Map.entry(503, new byte[0]));
    assertThatThrownBy(() -> watch().current())
        .isInstanceOf(IOException.class)
        .hasMessageContaining("503");

    routes.put("/v1/cas", Map.entry(200, "{}".getBytes(StandardCharsets.UTF_8)));
    assertThatThrownBy(() -> watch().current()).isInstanceOf(IOException.class);
  }
}
