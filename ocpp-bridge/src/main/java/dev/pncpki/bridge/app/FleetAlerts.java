package dev.pncpki.bridge.app;

import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.pncpki.bridge.alerts.Alert;
import dev.pncpki.bridge.alerts.AlertMonitor;
import dev.pncpki.bridge.alerts.AlertSettings;
import dev.pncpki.bridge.alerts.Alerts;
import dev.pncpki.bridge.alerts.CaWatch;
import dev.pncpki.bridge.alerts.Check;
import dev.pncpki.bridge.alerts.LogSink;
import dev.pncpki.bridge.alerts.MetricsSink;
import dev.pncpki.bridge.alerts.RevokedCaWatch;
import dev.pncpki.bridge.alerts.RootPoolWatch;
import dev.pncpki.bridge.alerts.WebhookSink;
import dev.pncpki.bridge.authority.HttpCaDirectory;
import dev.pncpki.bridge.campaign.Campaign;
import dev.pncpki.bridge.campaign.CampaignRunner;
import dev.pncpki.bridge.store.AlertRecords;
import dev.pncpki.bridge.store.FleetHealth;
import dev.pncpki.bridge.store.OcspFreshness;
import dev.pncpki.bridge.store.StationCertificates;
import dev.pncpki.bridge.tls.OutgoingTls;
import dev.pncpki.bridge.truststore.TrustStoreChecks;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The bridge's alerts, put together: the hub with its sinks (log, metrics, and the signed webhook
 * when configured), the checks it runs every interval (the CA's certificates and CRLs, the roots of
 * the CA's root certificate pool, revoked CAs that stations still hold certificates from, station
 * certificates at risk, stale OCSP answers at stations), and the campaign runner's failed waves.
 */
final class FleetAlerts implements CampaignRunner.Events, AutoCloseable {
  private final Alerts hub;
  private final AlertMonitor monitor;
  private final Clock clock;
  private final AlertRecords records;

  FleetAlerts(
      AlertSettings settings,
      URI ca,
      String caToken,
      FleetHealth health,
      OcspFreshness ocsp,
      StationCertificates certificates,
      MetricRegistry metrics,
      AlertRecords records,
      TrustStoreChecks trustStores,
      Clock clock) {
    this.clock = clock;
    this.records = records;
    this.hub = new Alerts();
    hub.subscribe(records);
    hub.subscribe(new LogSink());
    MetricsSink.register(metrics, hub);
    HttpClient http = OutgoingTls.client(Duration.ofSeconds(5));
    if (settings.webhook() != null) {
      hub.subscribe(new WebhookSink(settings.webhook(), http, clock));
    }
    Check stations =
        Check.of(
            Set.of(Alert.Kind.STATION_AT_RISK),
            () ->
                health.atRisk(settings.stationRiskWindow()).stream()
                    .map(
                        r ->
                            Alert.stationAtRisk(
                                r.stationId(),
                                r.certificateType(),
                                r.notAfter(),
                                r.disconnected()
                                    ? "station disconnected"
                                    : "renewal "
                                        + (r.renewal() == null ? "not started" : r.renewal()),
                                clock.instant()))
                    .toList());
    Check stale =
        Check.of(
            Set.of(Alert.Kind.OCSP_NEAR_NEXT_UPDATE),
            () ->
                ocsp.endingBefore(clock.instant().plus(settings.ocspWindow())).stream()
                    .map(
                        o ->
                            Alert.ocspStale(
                                o.stationId(), o.nextUpdate().orElse(o.askedAt()), clock.instant()))
                    .toList());
    this.monitor =
        new AlertMonitor(
            hub,
            List.of(
                new CaWatch(ca, settings, http, clock),
                new RootPoolWatch(ca, caToken, settings, http, clock),
                new RevokedCaWatch(new HttpCaDirectory(ca, http), certificates, clock),
                stations,
                stale,
                Check.of(
                    Set.of(Alert.Kind.TRUST_STORE_DIFFERS),
                    () ->
                        trustStores.all().stream()
                            .filter(c -> c.inSync().equals(java.util.Optional.of(false)))
                            .map(
                                c ->
                                    Alert.trustStoreDiffers(
                                        c.stationId(), c.detail(), clock.instant()))
                            .toList())),
            settings.checkInterval(),
            checks ->
                records.exclusively(
                    () -> {
                      checks.run();
                      return true;
                    }));
  }

  /** The alerts of the bridge with this configuration and database. */
  static FleetAlerts of(BridgeConfiguration config, Stores stores, MetricRegistry metrics) {
    return new FleetAlerts(
        config.alerts(),
        URI.create(config.ca().url()),
        config.ca().token(),
        stores.health(),
        stores.ocsp(),
        stores.certificates(),
        metrics,
        stores.alerts(),
        stores.trustStores(),
        Clock.systemUTC());
  }

  /** Checks every interval, on one instance at a time (the others skip while it holds the lock). */
  void start() {
    monitor.start();
  }

  /** The active alerts of the whole fleet (the database), as the API shows them. */
  ArrayNode active() {
    return records.active();
  }

  /** The newest alerts, active or cleared. */
  ArrayNode history(int limit) {
    return records.history(limit);
  }

  @Override
  public void waveFailed(Campaign campaign, int wave, long failed, long total) {
    hub.raise(
        Alert.waveFailed(
            String.valueOf(campaign.id()), wave, (int) failed, (int) total, clock.instant()));
  }

  @Override
  public void finished(Campaign campaign) {
    for (int wave = 1; wave <= campaign.waves(); wave++) {
      String key = "campaign:" + campaign.id() + ":wave:" + wave;
      hub.clear(key);
      records.clear(key); // also when another instance raised it
    }
  }

  @Override
  public void close() {
    monitor.close();
  }
}
