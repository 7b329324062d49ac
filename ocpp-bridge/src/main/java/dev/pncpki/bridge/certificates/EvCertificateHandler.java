package dev.pncpki.bridge.certificates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pncpki.bridge.ocpp.StatusInfo;
import dev.pncpki.bridge.station.Channel;
import dev.pncpki.bridge.station.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Get15118EVCertificate (OCPP 2.0.1 M01/M02; 1.6 through Plug &amp; Charge DataTransfer): the
 * vehicle's EXI CertificateInstallationReq or CertificateUpdateReq (ISO 15118-2 or -20) goes to the
 * CA's certificate provisioning service, whose EXI response (base64) the station passes to the
 * vehicle untouched. {@code Accepted} whenever a response exists, also one whose ResponseCode says
 * FAILED: the vehicle reads why. {@code Failed} only when no response could be made (CA
 * unreachable, a request that is not ISO 15118-2 EXI).
 */
public final class EvCertificateHandler implements Handler {
  static final String ISO15118_2 = "urn:iso:15118:2:2013:MsgDef";
  static final String ISO15118_20 = "urn:iso:std:iso:15118:-20:CommonMessages";
  private static final Logger LOG = LoggerFactory.getLogger(EvCertificateHandler.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private final CaClient ca;

  public EvCertificateHandler(CaClient ca) {
    this.ca = ca;
  }

  @Override
  public Reply handle(Channel station, JsonNode payload) {
    String schema = payload.path("iso15118SchemaVersion").asText();
    boolean update = "Update".equals(payload.path("action").asText());
    if (!ISO15118_2.equals(schema) && !ISO15118_20.equals(schema)) {
      return failed(
          station,
          "NotSupported",
          "the schema version is " + ISO15118_2 + " or " + ISO15118_20 + ", not " + schema);
    }
    try {
      var answer = ca.certificateInstallation(update, payload.path("exiRequest").asText(), schema);
      LOG.info(
          "station {}: Get15118EVCertificate ({}) answered, ResponseCode {}",
          station.stationId(),
          update ? "Update" : "Install",
          answer.responseCode());
      return Reply.of(
          JSON.createObjectNode()
              .put("status", "Accepted")
              .put("exiResponse", answer.exiResponse()));
    } catch (CaClient.CaException e) {
      return failed(station, "CAError", e.getMessage());
    }
  }

  private static Reply failed(Channel station, String reason, String detail) {
    LOG.info("station {}: Get15118EVCertificate failed: {}", station.stationId(), detail);
    return Reply.of(
        StatusInfo.add(
            JSON.createObjectNode().put("status", "Failed").put("exiResponse", ""),
            reason,
            detail));
  }
}
