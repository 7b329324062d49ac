package dev.pncpki.bridge.app;

import dev.pncpki.bridge.campaign.CampaignRunner;
import dev.pncpki.bridge.certificates.SigningRequestIssuer;
import dev.pncpki.bridge.outbox.Dispatcher;
import dev.pncpki.bridge.renewal.RenewalScheduler;
import dev.pncpki.bridge.store.BridgeDatabase;
import dev.pncpki.bridge.store.StationChanges;
import dev.pncpki.bridge.truststore.TrustStoreSync;
import io.dropwizard.lifecycle.Managed;
import java.time.Duration;
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
