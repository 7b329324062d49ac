package dev.pncpki.bridge.certificates;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pncpki.bridge.outbox.Delivery;
import dev.pncpki.bridge.outbox.Dispatcher;
import dev.pncpki.bridge.station.Route;
import dev.pncpki.bridge.store.StationCertificates;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records each certificate a station was sent with CertificateSigned, and its answer (Accepted or
 * Rejected), so admins see what every station holds and when it expires.
 */
public final class DeliveredCertificates implements Dispatcher.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(DeliveredCertificates.class);
  private final StationCertificates store;

  public DeliveredCertificates(StationCertificates store) {
    this.store = store;
  }

  @Override
  public void answered(Delivery delivery, JsonNode answer) {
    if (!delivery.action().equals("CertificateSigned")) {
      return;
    }
    String chain = delivery.payload().path("certificateChain").asText();
    X509Certificate leaf;
    try {
      leaf =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(
                      new ByteArrayInputStream(chain.getBytes(StandardCharsets.US_ASCII)));
    } catch (CertificateException e) {
      LOG.warn("delivery {}: certificate not readable: {}", delivery.id(), e.getMessage());
      return;
    }
    String type =
        delivery.route() == Route.OCPP16
            ? CertificateType.CHARGING_STATION.wire()
            : delivery.payload().path("certificateType").asText(CertificateType.V2G.wire());
    int end = chain.indexOf("-----END CERTIFICATE-----") + "-----END CERTIFICATE-----".length();
    store.record(
        new StationCertificates.Delivered(
            delivery.stationId(),
            leaf.getSerialNumber().toString(16) /* as the CA writes serials */,
            type,
            leaf.getNotAfter().toInstant(),
            answer.path("status").asText("Unknown"),
            Instant.now(),
            delivery.id(),
            Optional.of(leaf.getIssuerX500Principal().getName()),
            Optional.ofNullable(organization(leaf))),
        chain.substring(0, end) + "\n");
  }

  /** The subject's O (the CPO a station certificate names), if it has one. */
  private static String organization(X509Certificate leaf) {
    try {
      for (var rdn : new LdapName(leaf.getSubjectX500Principal().getName()).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("O")) {
          return rdn.getValue().toString();
        }
      }
    } catch (InvalidNameException e) {
      LOG.warn("subject of {} not readable: {}", leaf.getSerialNumber(), e.getMessage());
    }
    return null;
  }
}
