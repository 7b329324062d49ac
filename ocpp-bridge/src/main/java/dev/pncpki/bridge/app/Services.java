package dev.pncpki.bridge.app;

import dev.pncpki.bridge.certificates.CaClient;
import dev.pncpki.bridge.certificates.DeliveredCertificates;
import dev.pncpki.bridge.certificates.EvCertificateHandler;
import dev.pncpki.bridge.certificates.SignCertificateHandler;
import dev.pncpki.bridge.certificates.SigningRequestIssuer;
import dev.pncpki.bridge.logs.LogRetrieval;
import dev.pncpki.bridge.ocpp.MessageSchemas;
import dev.pncpki.bridge.ocpp.OcppVersion;
import dev.pncpki.bridge.renewal.DiscardedRenewals;
import dev.pncpki.bridge.standalone.StandaloneHandlers;
import dev.pncpki.bridge.station.ConnectedStations;
import dev.pncpki.bridge.station.Handler;
import dev.pncpki.bridge.station.SecurityLog;
import dev.pncpki.bridge.station.StationDirectory;
import dev.pncpki.bridge.station.StationSession;
import dev.pncpki.bridge.station.StationVersions;
import dev.pncpki.bridge.status.OcspClient;
import dev.pncpki.bridge.status.StatusHandlers;
import dev.pncpki.bridge.tls.OutgoingTls;
import dev.pncpki.bridge.trust.CaTrustList;
import dev.pncpki.bridge.trust.V2gRootPolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The services the stations' messages, the background work and the admin API share: the station
 * directory, the CA, CSR issuance, log retrieval, the trust list, the V2G root policy and the
 * renewal of what a station discarded.
 */
record Services(
    StationDirectory stations,
    StationVersions versions,
    CaClient ca,
    LogRetrieval logs,
    DeliveredCertificates delivered,
    SigningRequestIssuer issuer,
    CaTrustList trustList,
    V2gRootPolicy v2gRoots,
    DiscardedRenewals discarded) {

  /**
   * @param servedAt the address the bridge serves at once it runs (for the log upload URL)
   */
  static Services of(
      BridgeConfiguration config,
      Stores stores,
      MessageSchemas schemas,
      SecurityLog events,
      ConnectedStations connected,
      Supplier<String> servedAt) {
    var stations =
        new StationDirectory(stores.stations(), stores.credentials(), config.organization());
    var ca =
        new CaClient(
            URI.create(config.ca().url()),
            config.ca().token(),
            OutgoingTls.client(Duration.ofSeconds(5)),
            config.ca().requests());
    StationVersions versions =
        id ->
            connected
                .find(id)
                .map(StationSession::version)
                .or(
                    () ->
                        stores
                            .presence()
                            .find(id)
                            .flatMap(c -> OcppVersion.ofSubprotocol(c.ocppVersion())));
    var logs =
        new LogRetrieval(
            stores.stations(),
            versions,
            stores.outbox(),
            schemas,
            stores.logs(),
            () ->
                config
                    .logUploadUrl()
                    .or(() -> Optional.ofNullable(servedAt.get()).map(u -> u + "/log-uploads")),
            stores.audit());
    var delivered = new DeliveredCertificates(stores.certificates());
    var issuer =
        new SigningRequestIssuer(
            stores.signing(), ca, events, delivered, config.signing(), 4 * config.ca().requests());
    var trustList =
        new CaTrustList(
            URI.create(config.ca().url()),
            config.ca().token(),
            OutgoingTls.client(Duration.ofSeconds(5)),
            Clock.systemUTC());
    // a current leaf's root counts only while the trust list still holds it
    var v2gRoots =
        new V2gRootPolicy(
            stores.v2gRoots(), config.signing().defaultV2gRoot(), trustList, Clock.systemUTC());
    return new Services(
        stations,
        versions,
        ca,
        logs,
        delivered,
        issuer,
        trustList,
        v2gRoots,
        new DiscardedRenewals(stores.renewals(), config.renewal()));
  }

  /** The handlers of the stations' CALLs: certificates and status always, the rest standalone. */
  OcppRoutes.Answers answers(BridgeConfiguration config, Stores stores, SecurityLog events) {
    Map<String, Handler> own = new HashMap<>();
    own.put(
        "SignCertificate",
        new SignCertificateHandler(
            stations,
            config.organization(),
            stores.signing(),
            config.signing().limit(),
            issuer::issueNow,
            events,
            v2gRoots));
    own.put("Get15118EVCertificate", new EvCertificateHandler(ca));
    HttpClient http = OutgoingTls.client(Duration.ofSeconds(3));
    own.putAll(
        StatusHandlers.of(
            new OcspClient(config.ca().ocspPrefix(), config.ca().url(), http),
            trustList,
            http,
            events,
            stores.ocsp()));
    // a discarded renewal is asked for again
    own.put("SecurityEventNotification", discarded.listening(own.get("SecurityEventNotification")));
    Map<String, Handler> standalone =
        config.upstream() == null
            ? StandaloneHandlers.of(Clock.systemUTC(), stores.info()::booted, logs::reported)
            : Map.of();
    return new OcppRoutes.Answers(Map.copyOf(own), standalone);
  }
}
