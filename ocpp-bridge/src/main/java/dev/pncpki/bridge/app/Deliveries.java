package dev.pncpki.bridge.app;

import dev.pncpki.bridge.outbox.Dispatcher;
import dev.pncpki.bridge.security.CredentialAnswers;
import dev.pncpki.bridge.station.ConnectedStations;
import dev.pncpki.bridge.station.StationSession;
import java.time.Duration;
import java.util.List;

/**
 * The outbox's dispatcher as the bridge runs it: what it hears back (certificates, credentials,
 * logs), its heartbeat, and the presence of each station it delivers to.
 */
final class Deliveries {
  private Deliveries() {}

  static Dispatcher dispatcher(
      BridgeConfiguration config,
      Stores stores,
      ConnectedStations connected,
      OcppRoutes.Tables routes,
      String instance,
      Services services) {
    var settings = config.outbox();
    var answers =
        new CredentialAnswers(
            stores.stations(), stores.credentials(), stores.outbox(), stores.audit());
    var dispatcher =
        new Dispatcher(
            stores.outbox(),
            connected,
            instance,
            routes.pnc()::wrap,
            new Dispatcher.Backoff(
                Duration.ofSeconds(settings.firstRetrySeconds()),
                Duration.ofSeconds(settings.maxRetrySeconds())),
            List.of(services.delivered(), answers, services.logs()),
            () -> {
              stores.presence().heartbeat();
              answers.releaseUnanswered();
            });
    connected.listen(
        new ConnectedStations.Listener() {
          @Override
          public void connected(StationSession session) {
            stores
                .presence()
                .connected(
                    session.stationId(), session.connectionId(), session.version().subprotocol());
            dispatcher.wake(session.stationId());
          }

          @Override
          public void disconnected(StationSession session) {
            stores.presence().disconnected(session.stationId(), session.connectionId());
          }
        });
    return dispatcher;
  }
}
