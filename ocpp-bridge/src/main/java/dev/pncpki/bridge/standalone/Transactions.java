package dev.pncpki.bridge.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pncpki.bridge.station.Channel;
import dev.pncpki.bridge.station.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Transactions as a CSMS without an authorization list answers them. The bridge keeps no list of
 * idTags or idTokens (RFID cards and the like belong to a CSMS), so every one is unknown to it, and
 * it says so rather than letting a station charge in its name. Contracts (eMAIDs checked against
 * the CA) are authorized by Authorize, not here.
 */
final class Transactions {
  private static final Logger LOG = LoggerFactory.getLogger(Transactions.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * OCPP 1.6 section 7.2 AuthorizationStatus: "Identifier is unknown. Not allowed for charging."
   */
  static final String UNKNOWN_ID_TAG = "Invalid";

  /** OCPP 2.0.1 AuthorizationStatusEnumType: "Identifier is unknown. Not allowed for charging." */
  static final String UNKNOWN_ID_TOKEN = "Unknown";

  private final TransactionIds ids;

  Transactions(TransactionIds ids) {
    this.ids = ids;
  }

  /**
   * OCPP 1.6 section 4.8: the Central System answers with a transactionId, which the station puts
   * in its MeterValues and StopTransaction, and with the idTag's idTagInfo (both required).
   */
  Handler.Reply start(Channel station, JsonNode payload) {
    int id = ids.next();
    LOG.info(
        "station {}: StartTransaction on connector {}, transactionId {}, idTag unknown here",
        station.stationId(),
        payload.path("connectorId").asInt(),
        id);
    ObjectNode out = JSON.createObjectNode();
    out.putObject("idTagInfo").put("status", UNKNOWN_ID_TAG);
    out.put("transactionId", id);
    return Handler.Reply.of(out);
  }

  /**
   * OCPP 1.6 section 4.10: idTagInfo only when the station sent an idTag (a transaction may end
   * without one, e.g. when the cable is unplugged).
   */
  Handler.Reply stop(Channel station, JsonNode payload) {
    ObjectNode out = JSON.createObjectNode();
    if (payload.has("idTag")) {
      out.putObject("idTagInfo").put("status", UNKNOWN_ID_TAG);
    }
    return Handler.Reply.of(out);
  }

  /**
   * OCPP 2.0.1 Part 2 E01-E15, TransactionEventResponse: idTokenInfo "is required when the
   * transactionEventRequest contained an idToken"; otherwise the answer has nothing to say (no
   * total cost: the bridge does no billing).
   */
  Handler.Reply event(Channel station, JsonNode payload) {
    ObjectNode out = JSON.createObjectNode();
    if (payload.has("idToken")) {
      out.putObject("idTokenInfo").put("status", UNKNOWN_ID_TOKEN);
    }
    return Handler.Reply.of(out);
  }
}
