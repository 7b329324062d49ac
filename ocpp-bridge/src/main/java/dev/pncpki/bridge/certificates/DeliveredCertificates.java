package dev.pncpki.bridge.certificates;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pncpki.bridge.outbox.Delivery;
import dev.pncpki.bridge.outbox.Dispatcher;
import dev.pncpki.bridge.station.Route;
import dev.pncpki.bridge.store.StationCertificates;
import java.io.IOException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.X509CertificateHolder;
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
    int end = chain.indexOf(END);
    X509CertificateHolder leaf;
    try {
      // Bouncy Castle reads only the ASN.1 structure: cheaper than a JDK certificate object
      leaf = new X509CertificateHolder(Base64.getMimeDecoder().decode(body(chain, end)));
    } catch (IOException | IllegalArgumentException e) {
      LOG.warn("delivery {}: certificate not readable: {}", delivery.id(), e.getMessage());
      return;
    }
    String type =
        delivery.route() == Route.OCPP16
            ? CertificateType.CHARGING_STATION.wire()
            : delivery.payload().path("certificateType").asText(CertificateType.V2G.wire());
    store.record(
        new StationCertificates.Delivered(
            delivery.stationId(),
            leaf.getSerialNumber().toString(16) /* as the CA writes serials */,
            type,
            leaf.getNotAfter().toInstant(),
            answer.path("status").asText("Unknown"),
            Instant.now(),
            delivery.id(),
            Optional.of(rfc2253(leaf.getIssuer())),
            Optional.ofNullable(organization(leaf))),
        chain.substring(0, end + END.length()) + "\n");
  }

  private static final String BEGIN = "-----BEGIN CERTIFICATE-----";
  private static final String END = "-----END CERTIFICATE-----";

  /** The base64 text of the chain's first certificate. */
  private static String body(String chain, int end) {
    int begin = chain.indexOf(BEGIN);
    if (begin < 0 || end < begin) {
      throw new IllegalArgumentException("no PEM certificate");
    }
    return chain.substring(begin + BEGIN.length(), end);
  }

  /** The issuer as RFC 2253 text, as campaigns select it (the JDK's form of the name). */
  private static String rfc2253(X500Name name) {
    try {
      return new X500Principal(name.getEncoded()).getName();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** The subject's O (the CPO a station certificate names), if it has one. */
  private static String organization(X509CertificateHolder leaf) {
    RDN[] o = leaf.getSubject().getRDNs(BCStyle.O);
    return o.length == 0
        ? null
        : o[0].getFirst().getValue() instanceof ASN1String text ? text.getString() : null;
  }
}
