package dev.pncpki.bridge.proxy;

import dev.pncpki.bridge.ocpp.OcppVersion;
import dev.pncpki.bridge.station.Upstream;
import io.dropwizard.lifecycle.Managed;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bridge's side of proxy mode: one WebSocket client for every station's connection to the CSMS.
 * A station that connects to the bridge gets its own connection to the CSMS, with the subprotocol
 * the station negotiated; when that fails, the station is disconnected so that it retries later.
 */
public final class CsmsClient implements Managed {
  private static final Logger LOG = LoggerFactory.getLogger(CsmsClient.class);
  private final UpstreamCsms csms;
  private final WebSocketClient client;

  /**
   * {@code idleTimeout}: a CSMS connection without traffic this long is closed, and its station.
   */
  public CsmsClient(UpstreamCsms csms, Duration idleTimeout) {
    this.csms = csms;
    var tls = new SslContextFactory.Client(); // verifies the CSMS's name (endpoint identification)
    if (csms.trustStorePath() != null) {
      tls.setTrustStorePath(csms.trustStorePath());
      tls.setTrustStorePassword(csms.trustStorePassword());
      tls.setTrustStoreType("PKCS12");
    }
    var http = new HttpClient();
    http.setSslContextFactory(tls);
    this.client = new WebSocketClient(http);
    client.setConnectTimeout(Duration.ofSeconds(csms.connectTimeoutSeconds()).toMillis());
    client.setIdleTimeout(idleTimeout);
  }

  @Override
  public void start() throws Exception {
    client.start();
    LOG.info("proxy mode: stations' messages other than the certificate messages go to {}", csms);
  }

  @Override
  public void stop() throws Exception {
    client.stop();
  }

  /** Opens the CSMS connection of a station that has just connected to the bridge. */
  public Upstream connect(String stationId, OcppVersion version, Downstream station) {
    var connection =
        new CsmsConnection(
            stationId, version, station, Duration.ofSeconds(csms.connectTimeoutSeconds() + 5L));
    CompletableFuture<Session> opening;
    try {
      var request = new ClientUpgradeRequest(csms.stationUri(stationId));
      request.setSubProtocols(version.subprotocol());
      csms.authorization(stationId).ifPresent(basic -> request.setHeader("Authorization", basic));
      // TCP, TLS and the upgrade answer within the timeout, or the station is disconnected
      request.setTimeout(csms.connectTimeoutSeconds(), TimeUnit.SECONDS);
      opening = client.connect(connection, request);
    } catch (IOException | RuntimeException e) {
      opening = CompletableFuture.failedFuture(e);
    }
    connection.opening(opening);
    return connection;
  }
}
