package dev.pncpki.bridge.app;

import dev.pncpki.bridge.outbox.OutboxStore;
import dev.pncpki.bridge.outbox.SecretBox;
import dev.pncpki.bridge.store.AdminEvents;
import dev.pncpki.bridge.store.AlertRecords;
import dev.pncpki.bridge.store.BridgeDatabase;
import dev.pncpki.bridge.store.Campaigns;
import dev.pncpki.bridge.store.CredentialTable;
import dev.pncpki.bridge.store.FleetHealth;
import dev.pncpki.bridge.store.OcspFreshness;
import dev.pncpki.bridge.store.Presence;
import dev.pncpki.bridge.store.Renewals;
import dev.pncpki.bridge.store.SecurityEvents;
import dev.pncpki.bridge.store.SigningRequestTable;
import dev.pncpki.bridge.store.StationCertificates;
import dev.pncpki.bridge.store.StationInfo;
import dev.pncpki.bridge.store.StationLogs;
import dev.pncpki.bridge.store.StationTable;
import dev.pncpki.bridge.store.TrustStoreCheckTable;
import dev.pncpki.bridge.store.V2gRootPinTable;
import java.util.Optional;

/** Everything the bridge keeps in its own database, opened once for one instance. */
record Stores(
    BridgeDatabase db,
    StationTable stations,
    CredentialTable credentials,
    SecurityEvents events,
    OutboxStore outbox,
    Presence presence,
    StationCertificates certificates,
    OcspFreshness ocsp,
    StationInfo info,
    Renewals renewals,
    Campaigns campaigns,
    FleetHealth health,
    AlertRecords alerts,
    AdminEvents audit,
    StationLogs logs,
    SigningRequestTable signing,
    V2gRootPinTable v2gRoots,
    TrustStoreCheckTable trustStores) {

  static Stores open(
      BridgeDatabase db, String instance, int maxAttempts, Optional<SecretBox> secrets) {
    var jdbi = db.jdbi();
    var outbox = new OutboxStore(jdbi, db.dataSource(), maxAttempts, instance, secrets);
    return new Stores(
        db,
        new StationTable(jdbi),
        new CredentialTable(jdbi),
        new SecurityEvents(jdbi),
        outbox,
        new Presence(jdbi, instance),
        new StationCertificates(jdbi),
        new OcspFreshness(jdbi),
        new StationInfo(jdbi),
        new Renewals(jdbi, outbox),
        new Campaigns(jdbi, outbox),
        new FleetHealth(jdbi),
        new AlertRecords(jdbi, instance),
        new AdminEvents(jdbi),
        new StationLogs(jdbi),
        new SigningRequestTable(jdbi, outbox, instance),
        new V2gRootPinTable(jdbi),
        new TrustStoreCheckTable(jdbi));
  }
}
