package dev.pncpki.bridge.app;

import dev.pncpki.bridge.certificates.CaClient;
import dev.pncpki.bridge.certificates.EvCertificateHandler;
import dev.pncpki.bridge.certificates.SignCertificateHandler;
import dev.pncpki.bridge.certificates.SigningRequestIssuer;
import dev.pncpki.bridge.ocpp.MessageSchemas;
import dev.pncpki.bridge.pnc.PncDataTransfer;
import dev.pncpki.bridge.standalone.StandaloneHandlers;
import dev.pncpki.bridge.station.Handler;
import dev.pncpki.bridge.station.SecurityLog;
import dev.pncpki.bridge.station.StationDirectory;
import dev.pncpki.bridge.status.OcspClient;
import dev.pncpki.bridge.status.StatusHandlers;
import dev.pncpki.bridge.tls.OutgoingTls;
import dev.pncpki.bridge.trust.CaTrustList;
import dev.pncpki.bridge.trust.V2gRootPolicy;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The table of what the bridge answers a station, by OCPP action: the certificate messages always,
 * and without an upstream CSMS everything else a station sends (standalone mode). OCPP 1.6 stations
 * reach the Plug &amp; Charge ones through DataTransfer, which wraps this same table.
 */
final class OcppHandlers {
  private OcppHandlers() {}

  /** The table, and the DataTransfer wrapper that the outbox also uses to reach 1.6 stations. */
  record Table(Map<String, Handler> handlers, PncDataTransfer pnc) {}

  /**
   * The V2G root policy of the bridge's configuration: pins and current leaves from {@code stores},
   * a current leaf's root only while {@code trustList} still holds it.
   */
  static V2gRootPolicy v2gRoots(BridgeConfiguration config, Stores stores, CaTrustList trustList) {
    return new V2gRootPolicy(
        stores.v2gRoots(),
        config.signing().defaultV2gRoot(),
        root -> V2gRootPolicy.trustedV2g(trustList.trusted(), root, java.time.Instant.now()));
  }

  static Table of(
      BridgeConfiguration config,
      Stores stores,
      StationDirectory stations,
      CaClient ca,
      SigningRequestIssuer issuer,
      MessageSchemas schemas,
      SecurityLog events,
      BiConsumer<String, com.fasterxml.jackson.databind.JsonNode> logStatus,
      CaTrustList trustList,
      V2gRootPolicy v2gRoots) {
    Map<String, Handler> handlers = new HashMap<>();
    if (config.upstream() == null) {
      handlers.putAll(StandaloneHandlers.of(Clock.systemUTC(), stores.info()::booted, logStatus));
    }
    handlers.put(
        "SignCertificate",
        new SignCertificateHandler(
            stations,
            config.organization(),
            stores.signing(),
            config.signing().limit(),
            issuer::issueNow,
            events,
            v2gRoots));
    handlers.put("Get15118EVCertificate", new EvCertificateHandler(ca));
    HttpClient http = OutgoingTls.client(Duration.ofSeconds(3));
    handlers.putAll(
        StatusHandlers.of(
            new OcspClient(config.ca().ocspPrefix(), config.ca().url(), http),
            trustList,
            http,
            events,
            stores.ocsp()));
    var pnc = new PncDataTransfer(schemas, Map.copyOf(handlers));
    handlers.put("DataTransfer", pnc);
    return new Table(Map.copyOf(handlers), pnc);
  }
}
