package dev.pncpki.bridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.pncpki.ca.testing.FreePorts;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Contracts of a mobility operator that is not this PKI: an MO made with the openssl command line
 * (root, Sub-CA 1 and 2, contracts from {@code openssl ca}, {@code openssl ocsp} as its responder,
 * a CRL from {@code openssl ca -gencrl}), whose root the CA's admin pools. The Python ocpp station
 * authorizes its contracts (OCPP 2.0.1 Authorize, and 1.6 through the Plug &amp; Charge
 * DataTransfer): good is Accepted, CertificateRevoked after {@code openssl ca -revoke}, by OCSP and
 * by CRL; a contract with neither pointer stands on its chain; an operator whose root is not pooled
 * is CertChainError; a responder that is down or never answers gives NoCertificateAvailable
 * quickly; and no URL a station or an untrusted chain names is ever asked. On OCPP 2.1 the station
 * also gets the chain's status (GetCertificateChainStatus): Good, Revoked, or Failed when the
 * responder is down or not one a validated chain named.
 */
class ForeignContractIT {
  @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.NEVER)
  static Path dir;

  static Peers peers;
  static OpensslMobilityOperator mo;
  static OpensslMobilityOperator stranger;
  static int ocspPort;
  static HttpServer crls;
  static final AtomicReference<byte[]> crl = new AtomicReference<>(new byte[0]);
  static ServerSocket canary;
  static final AtomicInteger canaryCalls = new AtomicInteger();
  static ServerSocket silent;
  static final List<Socket> held = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    mo = OpensslMobilityOperator.create(dir.resolve("mo"), "Other MO");
    stranger = OpensslMobilityOperator.create(dir.resolve("stranger"), "Stranger MO");
    ocspPort = FreePorts.next();
    mo.startResponder(ocspPort);
    crls = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    crls.createContext(
        "/sub2.crl",
        exchange -> {
          byte[] body = crl.get();
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    crls.start();
    canary = listener(s -> canaryCalls.incrementAndGet());
    silent = listener(held::add); // accepts and never answers
    peers = new Peers(dir);
    peers.poolRoot(mo.root(), "MO");
  }

  @AfterAll
  static void stop() throws Exception {
    if (peers != null) {
      peers.close();
    }
    mo.close();
    crls.stop(0);
    canary.close();
    silent.close();
  }

  @Test
  void aGoodContractIsAcceptedAndRevokedAfterOpensslRevokesIt() throws Exception {
    Path chain = mo.contract("DEOMOC0000001A", responder(), null);
    for (String[] station : STATIONS) {
      JsonNode good = authorize(station, chain, Map.of());
      assertThat(good.path("byChain").toString()).as(station[1]).isEqualTo(ACCEPTED);
      // the station validated the chain itself and sends hash data naming the MO's responder,
      // which the validated chain named: the bridge asks it
      assertThat(good.path("byLeaf").toString()).as(station[1]).isEqualTo(ACCEPTED);
    }
    mo.revoke("DEOMOC0000001A");
    for (String[] station : STATIONS) {
      JsonNode revoked = authorize(station, chain, Map.of());
      assertThat(revoked.path("byChain").toString()).as(station[1]).isEqualTo(REVOKED);
      assertThat(revoked.path("byLeaf").toString()).as(station[1]).isEqualTo(REVOKED);
    }
  }

  @Test
  void withoutAResponderTheCrlDecides() throws Exception {
    String url = "http://127.0.0.1:" + crls.getAddress().getPort() + "/sub2.crl";
    Path good = mo.contract("DEOMOC0000002A", null, url);
    Path bad = mo.contract("DEOMOC0000003A", null, url);
    mo.revoke("DEOMOC0000003A");
    crl.set(mo.crl());
    assertThat(authorize(STATIONS[0], good, Map.of()).path("byChain").toString())
        .isEqualTo(ACCEPTED);
    assertThat(authorize(STATIONS[0], bad, Map.of()).path("byChain").toString()).isEqualTo(REVOKED);
  }

  @Test
  void aContractNamingNeitherStandsOnItsChain() throws Exception {
    Path bare = mo.contract("DEOMOC0000004A", null, null);
    assertThat(authorize(STATIONS[0], bare, Map.of()).path("byChain").toString())
        .isEqualTo(ACCEPTED);
  }

  @Test
  void anOperatorWhoseRootIsNotPooledIsAChainErrorAndItsResponderIsNeverAsked() throws Exception {
    int before = canaryCalls.get();
    Path chain = stranger.contract("DESTRC0000001A", canaryUrl(), canaryUrl());
    JsonNode answer = authorize(STATIONS[0], chain, Map.of());
    assertThat(answer.path("byChain").toString()).isEqualTo("[\"CertChainError\",\"Invalid\"]");
    assertThat(answer.path("byLeaf").toString())
        .as("hash data naming a responder no validated chain named")
        .isEqualTo(UNAVAILABLE);
    // a pooled operator's good contract, with hash data naming an address of the station's choice
    Path pooled = mo.contract("DEOMOC0000005A", responder(), null);
    JsonNode forged = authorize(STATIONS[0], pooled, Map.of("AUTH_RESPONDER", canaryUrl()));
    assertThat(forged.path("byChain").toString()).isEqualTo(ACCEPTED);
    assertThat(forged.path("byLeaf").toString()).isEqualTo(UNAVAILABLE);
    Thread.sleep(500);
    assertThat(canaryCalls.get())
        .as("requests to addresses no trusted chain named")
        .isEqualTo(before);
  }

  @Test
  void aResponderThatIsDownOrSilentGivesNoCertificateAvailableQuickly() throws Exception {
    Path down = mo.contract("DEOMOC0000006A", "http://127.0.0.1:" + FreePorts.closed() + "/", null);
    Instant start = Instant.now();
    assertThat(authorize(STATIONS[0], down, Map.of()).path("byChain").toString())
        .isEqualTo(UNAVAILABLE);
    Duration downTook = Duration.between(start, Instant.now());

    Path hanging =
        mo.contract("DEOMOC0000007A", "http://127.0.0.1:" + silent.getLocalPort() + "/ocsp", null);
    start = Instant.now();
    JsonNode answer = authorize(STATIONS[0], hanging, Map.of());
    Duration silentTook = Duration.between(start, Instant.now());
    assertThat(answer.path("byChain").toString()).isEqualTo(UNAVAILABLE);
    assertThat(answer.path("byLeaf").toString()).isEqualTo(UNAVAILABLE);
    System.out.printf(
        "station runs (Python start, boot and five Authorize): responder down %d ms, silent %d ms%n",
        downTook.toMillis(), silentTook.toMillis());
    // one 3 s timeout, then the silent responder rests and is not waited for again
    assertThat(silentTook).isLessThan(Duration.ofSeconds(20));
  }

  @Test
  void onOcpp21TheChainStatusComesFromTheResponderTheValidatedChainNamed() throws Exception {
    String[] v21 = {"CS-0001", "ocpp2.1"};
    Path good = mo.contract("DEOMOC0000008A", responder(), null);
    Path revoked = mo.contract("DEOMOC0000009A", responder(), null);
    Path down = mo.contract("DEOMOC000000AA", "http://127.0.0.1:" + FreePorts.closed() + "/", null);
    mo.revoke("DEOMOC0000009A");
    // Authorize on 2.1 validates each chain, which names its responder
    assertThat(authorize(v21, good, Map.of()).path("byChain").toString()).isEqualTo(ACCEPTED);
    assertThat(authorize(v21, revoked, Map.of()).path("byChain").toString()).isEqualTo(REVOKED);
    assertThat(authorize(v21, down, Map.of()).path("byChain").toString()).isEqualTo(UNAVAILABLE);

    JsonNode answer = chainStatus(good, Map.of());
    assertThat(answer.path("sources").path(0).asText()).isEqualTo("OCSP");
    assertThat(answer.path("statuses").path(0).asText()).as(answer.toString()).isEqualTo("Good");
    assertThat(answer.path("nextUpdates").path(0).asText()).isNotEmpty();
    assertThat(chainStatus(revoked, Map.of()).path("statuses").path(0).asText())
        .isEqualTo("Revoked");
    Instant start = Instant.now();
    assertThat(chainStatus(down, Map.of()).path("statuses").path(0).asText()).isEqualTo("Failed");
    assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(20));

    // a URL of the station's choice: Failed, and no request reaches it
    int before = canaryCalls.get();
    assertThat(
            chainStatus(good, Map.of("CHAIN_STATUS_URL", canaryUrl()))
                .path("statuses")
                .path(0)
                .asText())
        .isEqualTo("Failed");
    Thread.sleep(500);
    assertThat(canaryCalls.get()).as("requests to an address no chain named").isEqualTo(before);
  }

  private static JsonNode chainStatus(Path chain, Map<String, String> env) throws Exception {
    return peers.station(
        peers.url(), env, "CS-0001", Peers.PASSWORD, "ocpp2.1", "chainstatus", chain.toString());
  }

  private static final String ACCEPTED = "[\"Accepted\",\"Accepted\"]";
  private static final String REVOKED = "[\"CertificateRevoked\",\"Invalid\"]";
  private static final String UNAVAILABLE = "[\"NoCertificateAvailable\",\"Unknown\"]";
  private static final String[][] STATIONS = {{"CS-0001", "ocpp2.0.1"}, {"CS-0002", "ocpp1.6"}};

  private static JsonNode authorize(String[] station, Path chain, Map<String, String> env)
      throws Exception {
    return peers.station(
        peers.url(), env, station[0], Peers.PASSWORD, station[1], "authorize", chain.toString());
  }

  private static String responder() {
    return "http://127.0.0.1:" + ocspPort + "/";
  }

  private static String canaryUrl() {
    return "http://127.0.0.1:" + canary.getLocalPort() + "/ocsp";
  }

  /** A loopback listener handing each connection to {@code onAccept}. */
  private static ServerSocket listener(java.util.function.Consumer<Socket> onAccept)
      throws Exception {
    var socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofVirtual()
        .start(
            () -> {
              while (!socket.isClosed()) {
                try {
                  onAccept.accept(socket.accept());
                } catch (java.io.IOException closed) {
                  return;
                }
              }
            });
    return socket;
  }
}
