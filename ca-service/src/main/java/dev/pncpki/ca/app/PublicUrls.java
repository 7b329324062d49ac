package dev.pncpki.ca.app;

import dev.pncpki.ca.revocation.PublicUrl;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jetty.ConnectorFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.jetty.HttpsConnectorFactory;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The CA's public URL: {@code publicUrl} from the configuration, or else the address the CA serves,
 * taken from its application connectors: the first plain-HTTP one (relying parties fetch OCSP and
 * CRLs over HTTP, RFC 5280 4.2.1.13, without a client certificate), else the first HTTPS one; its
 * bind address (the host name when it binds every address) and its port.
 */
final class PublicUrls {
  private PublicUrls() {}

  static PublicUrl of(CaConfiguration config) {
    if (config.publicUrl().isPresent()) {
      try {
        return PublicUrl.parse(config.publicUrl().get());
      } catch (IllegalArgumentException e) {
        throw new StartupRefusal("publicUrl " + e.getMessage());
      }
    }
    if (!(config.getServerFactory() instanceof DefaultServerFactory server)) {
      throw new StartupRefusal("set publicUrl: the CA cannot tell which address it serves");
    }
    return served(server.getApplicationConnectors());
  }

  static PublicUrl served(List<ConnectorFactory> connectors) {
    Optional<HttpConnectorFactory> connector =
        connectors.stream()
            .filter(HttpConnectorFactory.class::isInstance)
            .map(HttpConnectorFactory.class::cast)
            .min(Comparator.comparing(c -> c instanceof HttpsConnectorFactory));
    if (connector.isEmpty()) {
      throw new StartupRefusal("set publicUrl: the CA has no HTTP or HTTPS connector");
    }
    HttpConnectorFactory c = connector.get();
    if (c.getPort() == 0) {
      throw new StartupRefusal(
          "set publicUrl: the HTTP port is chosen at random (port 0), so the URLs that"
              + " certificates name for OCSP and CRLs cannot be known before start");
    }
    String scheme = c instanceof HttpsConnectorFactory ? "https" : "http";
    String host = host(c.getBindHost());
    return new PublicUrl(URI.create(scheme + "://" + host + ":" + c.getPort()));
  }

  private static String host(String bindHost) {
    if (bindHost != null && !bindHost.isBlank() && !isWildcard(bindHost)) {
      return bindHost.contains(":") ? "[" + bindHost + "]" : bindHost;
    }
    try {
      return InetAddress.getLocalHost().getCanonicalHostName();
    } catch (UnknownHostException e) {
      throw new StartupRefusal(
          "set publicUrl: the CA binds every address and this host has no name", e);
    }
  }

  private static boolean isWildcard(String host) {
    return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
  }
}
