package dev.pncpki.runtime.startup;

import java.util.Locale;
import org.eclipse.jetty.server.Connector;

/** What a service tells of its Jetty connectors once it runs. */
public final class Connectors {
  private Connectors() {}

  /** A TLS connector: its protocols include SSL (also behind Jetty's protocol detection). */
  public static boolean tls(Connector c) {
    return c.getProtocols().stream().anyMatch(p -> p.toLowerCase(Locale.ROOT).contains("ssl"));
  }
}
