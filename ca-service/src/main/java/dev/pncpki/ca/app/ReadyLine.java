package dev.pncpki.ca.app;

import dev.pncpki.ca.revocation.PublicUrl;
import dev.pncpki.runtime.startup.Connectors;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.Server;
import org.slf4j.Logger;

/** The line the CA logs once it serves: where its API, health checks and revocation data are. */
final class ReadyLine {
  private ReadyLine() {}

  static void log(Logger log, Server server, PublicUrl publicUrl) {
    List<String> api = new ArrayList<>();
    List<String> admin = new ArrayList<>();
    for (Connector c : server.getConnectors()) {
      if (c instanceof NetworkConnector n) {
        String scheme = Connectors.tls(c) ? "https" : "http";
        String host = n.getHost() == null ? "0.0.0.0" : n.getHost();
        String url = scheme + "://" + host + ":" + n.getLocalPort();
        ("admin".equals(c.getName()) ? admin : api).add(url);
      }
    }
    log.info(
        "pnc-pki ca-service ready: API {}; OCSP and CRLs under {}; health {}",
        String.join(", ", api),
        publicUrl,
        admin.stream().map(u -> u + "/healthcheck").toList());
  }
}
