package dev.pncpki.bridge.app;

import dev.pncpki.runtime.startup.Connectors;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.Server;
import org.slf4j.Logger;

/**
 * The line the bridge logs once it serves: where stations connect, and where the admin API, the
 * operations page and the health checks are.
 */
final class ReadyLine {
  private ReadyLine() {}

  static void log(Logger log, Server server, boolean adminApi) {
    List<String> stations = new ArrayList<>();
    List<String> pages = new ArrayList<>();
    List<String> health = new ArrayList<>();
    for (Connector c : server.getConnectors()) {
      if (!(c instanceof NetworkConnector n)) {
        continue;
      }
      boolean tls = Connectors.tls(c);
      String address = (n.getHost() == null ? "0.0.0.0" : n.getHost()) + ":" + n.getLocalPort();
      if ("admin".equals(c.getName())) {
        health.add("http" + (tls ? "s" : "") + "://" + address + "/healthcheck");
      } else {
        stations.add("ws" + (tls ? "s" : "") + "://" + address + "/ocpp/{chargingStationId}");
        pages.add("http" + (tls ? "s" : "") + "://" + address + "/dashboard/");
      }
    }
    log.info(
        "pnc-pki ocpp-bridge ready: stations connect to {}; {}; health {}",
        String.join(", ", stations),
        adminApi
            ? "admin API and operations page " + String.join(", ", pages)
            : "no admin API (adminTokenSha256 is not set)",
        String.join(", ", health));
  }
}
