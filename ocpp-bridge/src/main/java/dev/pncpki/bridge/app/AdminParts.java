package dev.pncpki.bridge.app;

import dev.pncpki.bridge.admin.AdminApi;
import dev.pncpki.bridge.authority.HttpCaDirectory;
import dev.pncpki.bridge.campaign.CampaignRunner;
import dev.pncpki.bridge.logs.LogRetrieval;
import dev.pncpki.bridge.ocpp.MessageSchemas;
import dev.pncpki.bridge.security.PasswordRotation;
import dev.pncpki.bridge.security.ProfileUpgrade;
import dev.pncpki.bridge.station.Registration;
import dev.pncpki.bridge.station.StationVersions;
import dev.pncpki.bridge.trust.V2gRootPolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;

/** What the admin API works with, made from the bridge's stores and services. */
final class AdminParts {
  private AdminParts() {}

  static AdminApi.Parts of(
      BridgeConfiguration config,
      Stores stores,
      StationVersions versions,
      LogRetrieval logs,
      MessageSchemas schemas,
      CampaignRunner campaigns,
      FleetAlerts alerts,
      V2gRootPolicy v2gRoots) {
    return new AdminApi.Parts(
        stores.stations(),
        new Registration(stores.stations(), stores.audit(), Clock.systemUTC()),
        versions,
        new PasswordRotation(
            stores.stations(),
            stores.credentials(),
            versions,
            stores.outbox(),
            stores.outbox().keepsSecrets(),
            stores.audit()),
        new ProfileUpgrade(
            stores.stations(),
            stores.credentials(),
            versions,
            stores.outbox(),
            config.stationTlsUrl(),
            stores.audit()),
        logs,
        stores.logs(),
        stores.presence(),
        stores.info(),
        stores.outbox(),
        schemas,
        stores.certificates(),
        stores.events(),
        stores.renewals(),
        stores.ocsp(),
        stores.audit(),
        stores.health(),
        stores.campaigns(),
        campaigns,
        new HttpCaDirectory(
            URI.create(config.ca().url()),
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()),
        alerts::active,
        alerts::history,
        Duration.ofDays(config.renewal().windowDays()),
        stores.v2gRoots(),
        v2gRoots,
        stores.trustStores(),
        config.trustStore());
  }
}
