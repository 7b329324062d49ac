package dev.pncpki.bridge.app;

import dev.pncpki.runtime.startup.Connectors;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.NetworkConnector;
import org.eclipse.jetty.server.Server;

/**
 * The address the bridge serves stations and admins at, once it runs: its first plain-HTTP
 * application connector, else its first HTTPS one (for URLs the bridge hands out, such as the log
 * upload URL, when none is configured).
 */
final class Served {
  private Served() {}

  static Optional<String> baseUrl(Server server) {
    String https = null;
    for (Connector c : server.getConnectors()) {
      if (!(c instanceof NetworkConnector n) || "admin".equals(c.getName())) {
        continue;
      }
      boolean tls = Connectors.tls(c);
      String url = (tls ? "https://" : "http://") + host(n.getHost()) + ":" + n.getLocalPort();
      if (!tls) {
        return Optional.of(url);
      }
      https = https == null ? url : https;
    }
    return Optional.ofNullable(https);
  }

  private static String host(String bound) {
    if (bound != null && !bound.isBlank() && !bound.equals("0.0.0.0") && !bound.equals("::")) {
      return bound.contains(":") ? "[" + bound + "]" : bound;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
