package dev.pncpki.bridge.pnc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pncpki.bridge.ocpp.MessageSchemas;
import dev.pncpki.bridge.ocpp.OcppException;
import dev.pncpki.bridge.ocpp.OcppVersion;
import dev.pncpki.bridge.station.CallRefused;
import dev.pncpki.bridge.station.Channel;
import dev.pncpki.bridge.station.Handler;
import dev.pncpki.bridge.station.Route;
import dev.pncpki.bridge.station.RouteTable;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OCPP 1.6 Plug & Charge over DataTransfer (OCA application note "Using ISO 15118 Plug & Charge
 * with OCPP 1.6", v1.0, 2020-09-16): vendorId {@code org.openchargealliance.iso15118pnc}, messageId
 * = the OCPP 2.0.1 action, data = its 2.0.1 payload as a JSON string. The wrapped request is
 * checked against the 2.0.1 schema and handled by the same handler a 2.0.1 station gets, which sees
 * the station as a 2.0.1 channel: its own CALLs (CertificateSigned) travel back wrapped in a
 * DataTransfer of the bridge's.
 */
public final class PncDataTransfer implements Handler {
  public static final String VENDOR_ID = "org.openchargealliance.iso15118pnc";
  private static final Logger LOG = LoggerFactory.getLogger(PncDataTransfer.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What a charge point may send this way (application note section 3). */
  private static final Set<String> FROM_STATION =
      Set.of("SignCertificate", "Get15118EVCertificate", "GetCertificateStatus", "Authorize");

  private final MessageSchemas schemas;
  private final RouteTable ocpp201;

  /** Wraps the handlers of {@code ocpp201}, the 2.0.1 route table. */
  public PncDataTransfer(MessageSchemas schemas, RouteTable ocpp201) {
    if (ocpp201.version() != OcppVersion.OCPP201) {
      throw new IllegalArgumentException("the 1.6 Plug & Charge messages are 2.0.1's");
    }
    this.schemas = schemas;
    this.ocpp201 = ocpp201;
  }

  @Override
  public Reply handle(Channel station, JsonNode payload) throws OcppException {
    if (station.version() != OcppVersion.OCPP16
        || !VENDOR_ID.equals(payload.path("vendorId").asText())) {
      return Reply.of(JSON.createObjectNode().put("status", "UnknownVendorId"));
    }
    String action = payload.path("messageId").asText();
    Handler handler = ocpp201.handler(action).orElse(null);
    if (!FROM_STATION.contains(action) || handler == null) {
      return Reply.of(JSON.createObjectNode().put("status", "UnknownMessageId"));
    }
    JsonNode inner;
    try {
      inner = JSON.readTree(payload.path("data").asText(""));
    } catch (JsonProcessingException e) {
      inner = null;
    }
    if (inner == null || !inner.isObject()) {
      LOG.info(
          "station {}: DataTransfer {} data is not a JSON object", station.stationId(), action);
      return Reply.of(JSON.createObjectNode().put("status", "Rejected"));
    }
    // A wrapped payload that breaks the 2.0.1 schema gets the CALLERROR a 2.0.1 station would.
    schemas.checkRequest(OcppVersion.OCPP201, action, inner);
    Reply reply = handler.handle(new Wrapped(station), inner);
    schemas.checkResponse(OcppVersion.OCPP201, action, reply.payload());
    ObjectNode out =
        JSON.createObjectNode().put("status", "Accepted").put("data", reply.payload().toString());
    return new Reply(out, reply.then());
  }

  /** The 1.6 station as the 2.0.1 channel its Plug &amp; Charge CALLs travel through. */
  public Channel wrap(Channel station) {
    return new Wrapped(station);
  }

  /** A 1.6 station seen as 2.0.1: CALLs go out as DataTransfer and come back unwrapped. */
  private final class Wrapped implements Channel {
    private final Channel station;

    Wrapped(Channel station) {
      this.station = station;
    }

    @Override
    public String stationId() {
      return station.stationId();
    }

    @Override
    public OcppVersion version() {
      return OcppVersion.OCPP201;
    }

    @Override
    public Route route() {
      return Route.OCPP16_PNC;
    }

    @Override
    public CompletableFuture<JsonNode> call(String action, JsonNode payload) {
      try {
        schemas.checkRequest(OcppVersion.OCPP201, action, payload);
      } catch (OcppException e) {
        // nothing was sent: the bridge's own CALL is wrong, as StationSession reports it
        return CompletableFuture.failedFuture(
            new IllegalArgumentException(action + " breaks its schema: " + e.getMessage()));
      }
      ObjectNode wrapped =
          JSON.createObjectNode()
              .put("vendorId", VENDOR_ID)
              .put("messageId", action)
              .put("data", payload.toString());
      return station
          .call("DataTransfer", wrapped)
          .thenApply(
              answer -> {
                if (!"Accepted".equals(answer.path("status").asText())) {
                  // the station's Plug & Charge layer did not take it: like a CALLERROR
                  throw new java.util.concurrent.CompletionException(
                      new CallRefused(
                          "DataTransfer "
                              + action
                              + " answered "
                              + answer.path("status").asText()));
                }
                try {
                  JsonNode inner = JSON.readTree(answer.path("data").asText("{}"));
                  schemas.checkResponse(OcppVersion.OCPP201, action, inner);
                  return inner;
                } catch (JsonProcessingException | OcppException e) {
                  throw new IllegalStateException("DataTransfer " + action + ": " + e.getMessage());
                }
              });
    }
  }
}
