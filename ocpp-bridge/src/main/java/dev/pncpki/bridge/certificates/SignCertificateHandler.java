package dev.pncpki.bridge.certificates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pncpki.bridge.ocpp.OcppVersion;
import dev.pncpki.bridge.ocpp.StatusInfo;
import dev.pncpki.bridge.outbox.Delivery;
import dev.pncpki.bridge.outbox.Outbox;
import dev.pncpki.bridge.station.Channel;
import dev.pncpki.bridge.station.Handler;
import dev.pncpki.bridge.station.SecurityLog;
import dev.pncpki.bridge.station.StationDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SignCertificate (OCPP 2.0.1 A02/A03; 1.6 security extension): the CSR is checked here, the
 * station is answered Accepted or Rejected at once, and an accepted CSR is issued by the CA and
 * delivered with CertificateSigned through the outbox, which records the station's answer. Refused
 * CSRs are security events of the station.
 */
public final class SignCertificateHandler implements Handler {
  private static final Logger LOG = LoggerFactory.getLogger(SignCertificateHandler.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final StationDirectory stations;
  private final CaClient ca;
  private final String organization;
  private final Outbox outbox;
  private final SecurityLog events;

  public SignCertificateHandler(
      StationDirectory stations,
      CaClient ca,
      String organization,
      Outbox outbox,
      SecurityLog events) {
    this.stations = stations;
    this.ca = ca;
    this.organization = organization;
    this.outbox = outbox;
    this.events = events;
  }

  @Override
  public Reply handle(Channel session, JsonNode payload) {
    CertificateType type =
        session.version() == OcppVersion.OCPP16
            ? CertificateType.CHARGING_STATION
            : CertificateType.of(payload.path("certificateType").asText(null));
    String csr = payload.path("csr").asText();
    CsrCheck.Checked checked;
    try {
      var station = stations.find(session.stationId()).orElseThrow();
      checked = CsrCheck.check(csr, type, station, organization);
    } catch (CsrCheck.Refused e) {
      events.bridge(session.stationId(), "CsrRefused", type.wire() + ": " + e.getMessage());
      return Reply.of(status(session.version(), "Rejected", e.reasonCode(), e.getMessage()));
    }
    return Reply.of(
        status(session.version(), "Accepted", null, null),
        () -> issueAndDeliver(session, type, checked, csr));
  }

  private void issueAndDeliver(
      Channel session, CertificateType type, CsrCheck.Checked checked, String csr) {
    CaClient.Issued issued;
    try {
      issued = ca.issue(session.stationId(), checked.profile(), csr, checked.identity());
    } catch (CaClient.CaException e) {
      // OCPP: CA errors go to an operator, not to the station (A02 remark)
      LOG.error(
          "station {}: issuing {} failed: {}", session.stationId(), type.wire(), e.getMessage());
      events.bridge(session.stationId(), "IssuanceFailed", type.wire() + ": " + e.getMessage());
      return;
    }
    ObjectNode signed = JSON.createObjectNode();
    signed.put("certificateChain", issued.certificatePem() + issued.chainPem());
    if (session.version() == OcppVersion.OCPP201) {
      signed.put("certificateType", type.wire());
    }
    // the same certificate again (a station that retried its CSR) is delivered once
    var request =
        Delivery.Request.of(
                session.stationId(),
                session.route(),
                "CertificateSigned",
                signed,
                "SignCertificate " + type.wire())
            .once("CertificateSigned " + issued.serial());
    Delivery d = enqueueIssued(request, issued.serial());
    if (d == null) {
      return;
    }
    LOG.info(
        "station {}: {} serial {} issued, delivery {}",
        session.stationId(),
        type.wire(),
        issued.serial(),
        d.id());
  }

  /**
   * The certificate exists now: a database that is busy for a moment must not lose it, so the
   * outbox row is tried again (the dedup key makes a retry harmless). Null if it never got in; the
   * station's own CSR retry (A02.FR.17) then gets it a new one.
   */
  private Delivery enqueueIssued(Delivery.Request request, String serial) {
    long wait = 500;
    for (int attempt = 1; ; attempt++) {
      try {
        return outbox.enqueue(request);
      } catch (RuntimeException e) {
        if (attempt == 5) {
          LOG.error(
              "station {}: certificate {} issued but not queued for delivery: {}",
              request.stationId(),
              serial,
              e.toString());
          return null;
        }
        LOG.warn(
            "station {}: queueing certificate {} again: {}",
            request.stationId(),
            serial,
            e.toString());
        try {
          Thread.sleep(wait);
        } catch (InterruptedException stop) {
          Thread.currentThread().interrupt();
          return null;
        }
        wait *= 2;
      }
    }
  }

  private static ObjectNode status(
      OcppVersion version, String status, String reasonCode, String detail) {
    ObjectNode out = JSON.createObjectNode().put("status", status);
    if (reasonCode != null && version == OcppVersion.OCPP201) {
      StatusInfo.add(out, reasonCode, detail);
    }
    return out;
  }
}
