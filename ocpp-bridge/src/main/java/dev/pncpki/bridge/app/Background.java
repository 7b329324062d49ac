package dev.pncpki.bridge.app;

import dev.pncpki.bridge.campaign.CampaignRunner;
import dev.pncpki.bridge.certificates.SigningRequestIssuer;
import dev.pncpki.bridge.ocpp.OcppVersion;
import dev.pncpki.bridge.outbox.Dispatcher;
import dev.pncpki.bridge.renewal.RenewalScheduler;
import dev.pncpki.bridge.station.ConnectedStations;
import dev.pncpki.bridge.station.Station;
import dev.pncpki.bridge.station.StationDirectory;
import dev.pncpki.bridge.store.BridgeDatabase;
import dev.pncpki.bridge.store.Presence;
import dev.pncpki.bridge.store.StationChanges;
import dev.pncpki.bridge.transport.KeepAlive;
import dev.pncpki.bridge.truststore.TrustStoreSync;
import io.dropwizard.lifecycle.Managed;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * The bridge's work besides answering stations: the outbox dispatcher, the issuance of recorded
 * CSRs, the listener for station changes, renewals, campaigns and alerts. Started once the server
 * runs, stopped in the reverse order, the database last of all (after everything that uses it).
 */
record Background(
    BridgeDatabase db,
    Dispatcher dispatcher,
    SigningRequestIssuer issuer,
    Duration sweep,
    StationChanges changes,
    RenewalScheduler renewals,
    CampaignRunner campaigns,
    FleetAlerts alerts,
    TrustStoreSync trustStores,
    KeepAlive keepAlive,
    ExecutorService afterwards)
    implements Managed {

  /** The background work of the bridge's configuration. */
  static Background of(
      BridgeConfiguration config,
      Stores stores,
      Services services,
      Dispatcher dispatcher,
      CampaignRunner campaigns,
      FleetAlerts alerts,
      KeepAlive keepAlive,
      ExecutorService afterwards,
      ConnectedStations connected) {
    var renewals =
        new RenewalScheduler(
            stores.renewals(),
            stores.presence(),
            services.ca(),
            config.renewal(),
            Clock.systemUTC());
    var trustStores =
        new TrustStoreSync(
            stores.trustStores(),
            stores.outbox(),
            new TrustStoreSync.Stations() {
              @Override
              public List<String> connected() {
                return stores.presence().all().stream()
                    .filter(Presence.Connection::connected)
                    .map(Presence.Connection::stationId)
                    .toList();
              }

              @Override
              public Optional<OcppVersion> version(String stationId) {
                return services.versions().of(stationId);
              }
            },
            services.trustList()::trusted,
            config.trustStore(),
            Clock.systemUTC());
    var changes =
        new StationChanges(
            stores.db().dataSource(), id -> closeIfBarred(id, connected, services.stations()));
    Duration sweep =
        Duration.ofSeconds(Math.max(1, Math.min(5, config.outbox().firstRetrySeconds())));
    return new Background(
        stores.db(),
        dispatcher,
        services.issuer(),
        sweep,
        changes,
        renewals,
        campaigns,
        alerts,
        trustStores,
        keepAlive,
        afterwards);
  }

  /** A disabled or deleted station's connection to this instance ends. */
  private static void closeIfBarred(
      String id, ConnectedStations connected, StationDirectory stations) {
    connected
        .find(id)
        .filter(session -> stations.find(id).filter(Station::enabled).isEmpty())
        .ifPresent(session -> session.disconnect(1008, "the station may not connect any more"));
  }

  @Override
  public void start() {
    db.serving(); // from now on the lifecycle stops it, in stop() below
    dispatcher.start(db.dataSource(), sweep);
    issuer.start(sweep);
    changes.start();
    renewals.start();
    campaigns.start();
    alerts.start();
    trustStores.start();
  }

  @Override
  public void stop() throws Exception {
    trustStores.close();
    alerts.close();
    campaigns.close();
    renewals.close();
    changes.close();
    keepAlive.close();
    issuer.close();
    dispatcher.close();
    afterwards.shutdown();
    db.close();
  }
}
