package dev.pncpki.bridge.tls;

import io.dropwizard.core.server.ServerFactory;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets up the stations' TLS endpoints at start-up, before anything in the process uses TLS: pins
 * each https connector ({@link StationEndpoints}), lifts the JDK's ban on the two static-RSA suites
 * when a key store holds an RSA certificate ({@link StaticRsaKeyExchange}), and says in the log
 * which of the suites OCPP 2.0.1 A00.FR.318 requires each endpoint cannot offer and why.
 */
public final class StationTls {
  private static final Logger LOG = LoggerFactory.getLogger(StationTls.class);

  private StationTls() {}

  /**
   * @throws IllegalArgumentException a connector that widens the pinned lists or an unreadable key
   *     store
   */
  public static void configure(ServerFactory server) {
    List<StationEndpoints.Endpoint> endpoints = StationEndpoints.pin(server);
    boolean anyRsa = endpoints.stream().anyMatch(StationEndpoints.Endpoint::hasRsa);
    // the ban is lifted only for an operator who configured an RSA server certificate
    boolean staticRsa = anyRsa && StaticRsaKeyExchange.allow();
    for (var endpoint : endpoints) {
      LOG.info(
          "TLS endpoint on port {}: {}, server certificates {}, cipher suites {}",
          endpoint.port(),
          CsmsTls.PROTOCOLS,
          endpoint.keyTypes(),
          CsmsTls.CIPHER_SUITES);
      findings(endpoint, staticRsa).forEach(LOG::warn);
    }
  }

  /** What an endpoint lacks of A00.FR.318, as lines for the operator; empty when nothing. */
  static List<String> findings(StationEndpoints.Endpoint endpoint, boolean staticRsaAllowed) {
    List<String> lines = new ArrayList<>();
    String where = "TLS endpoint on port " + endpoint.port() + ": ";
    if (!endpoint.keyTypes().contains("EC")) {
      lines.add(
          where
              + "no EC server certificate, so TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256 and"
              + " TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, which OCPP 2.0.1 A00.FR.318 requires,"
              + " cannot be negotiated: add the CA's csms-server certificate to the key store");
    }
    if (!endpoint.hasRsa()) {
      lines.add(
          where
              + "no RSA server certificate, so "
              + String.join(" and ", CsmsTls.STATIC_RSA)
              + ", which OCPP 2.0.1 A00.FR.318 requires, cannot be negotiated: add an RSA key"
              + " entry to the key store (docs/ocpp-bridge.md, TLS)");
    } else if (!staticRsaAllowed) {
      lines.add(
          where
              + "the JDK set up TLS before the bridge could re-enable "
              + String.join(" and ", CsmsTls.STATIC_RSA)
              + " (jdk.tls.disabledAlgorithms is read once per process), so they cannot be"
              + " negotiated");
    }
    return lines;
  }
}
