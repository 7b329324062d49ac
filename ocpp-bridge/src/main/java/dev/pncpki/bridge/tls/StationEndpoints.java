package dev.pncpki.bridge.tls;

import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.server.ServerFactory;
import io.dropwizard.core.server.SimpleServerFactory;
import io.dropwizard.jetty.ConnectorFactory;
import io.dropwizard.jetty.HttpsConnectorFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code https} application connectors, where stations connect with TLS (security profiles 2
 * and 3): their protocols and cipher suites are pinned to {@link CsmsTls}. An operator may narrow
 * the lists in the connector's configuration, never widen them.
 */
public final class StationEndpoints {
  /** One https connector: its port and the key algorithms of its server certificates. */
  public record Endpoint(int port, Set<String> keyTypes) {
    public Endpoint {
      keyTypes = Collections.unmodifiableSet(new TreeSet<>(keyTypes));
    }

    public boolean hasRsa() {
      return keyTypes.contains("RSA");
    }
  }

  private StationEndpoints() {}

  /**
   * Pins every https application connector (before the server is built from them) and reads the key
   * types of its key store.
   *
   * @throws IllegalArgumentException a connector configured with a protocol or suite outside {@link
   *     CsmsTls}, or a key store that cannot be read
   */
  public static List<Endpoint> pin(ServerFactory server) {
    List<Endpoint> endpoints = new ArrayList<>();
    for (ConnectorFactory connector : applicationConnectors(server)) {
      if (connector instanceof HttpsConnectorFactory https) {
        pin(https);
        endpoints.add(new Endpoint(https.getPort(), keyTypes(https)));
      }
    }
    return endpoints;
  }

  static void pin(HttpsConnectorFactory https) {
    https.setSupportedProtocols(
        narrowed("supportedProtocols", https.getSupportedProtocols(), CsmsTls.PROTOCOLS));
    https.setSupportedCipherSuites(
        narrowed("supportedCipherSuites", https.getSupportedCipherSuites(), CsmsTls.CIPHER_SUITES));
    if (https.getExcludedCipherSuites() == null) {
      // the included list is exact; Jetty's own default exclusions would drop TLS_RSA_*
      https.setExcludedCipherSuites(List.of());
    }
  }

  /** The operator's list if it only narrows {@code allowed}, else a refusal; unset: allowed. */
  static List<String> narrowed(String key, List<String> configured, List<String> allowed) {
    if (configured == null || configured.isEmpty()) {
      return allowed;
    }
    for (String value : configured) {
      if (!allowed.contains(value)) {
        throw new IllegalArgumentException(
            "https connector: %s: %s is not among %s (OCPP 2.0.1 A00.FR.318; docs/ocpp-bridge.md, TLS)"
                .formatted(key, value, allowed));
      }
    }
    return List.copyOf(configured);
  }

  private static List<ConnectorFactory> applicationConnectors(ServerFactory server) {
    return switch (server) {
      case DefaultServerFactory d -> d.getApplicationConnectors();
      case SimpleServerFactory s -> List.of(s.getConnector());
      default -> List.of();
    };
  }

  /** The algorithms of the key store's key entries ("EC", "RSA"). */
  static Set<String> keyTypes(HttpsConnectorFactory https) {
    if (https.getKeyStorePath() == null) {
      return Set.of();
    }
    Set<String> types = new TreeSet<>();
    try (InputStream in = Files.newInputStream(Path.of(https.getKeyStorePath()))) {
      KeyStore store = KeyStore.getInstance(https.getKeyStoreType());
      String password = https.getKeyStorePassword();
      store.load(in, password == null ? null : password.toCharArray());
      for (String alias : Collections.list(store.aliases())) {
        if (store.isKeyEntry(alias) && store.getCertificate(alias) != null) {
          types.add(store.getCertificate(alias).getPublicKey().getAlgorithm());
        }
      }
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "https connector: keyStorePath %s: %s".formatted(https.getKeyStorePath(), e.getMessage()),
          e);
    }
    return types;
  }
}
