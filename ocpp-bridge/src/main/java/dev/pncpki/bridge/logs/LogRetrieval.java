package dev.pncpki.bridge.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pncpki.bridge.audit.AdminAudit;
import dev.pncpki.bridge.audit.AdminAudit.AdminEvent;
import dev.pncpki.bridge.ocpp.MessageSchemas;
import dev.pncpki.bridge.ocpp.OcppException;
import dev.pncpki.bridge.ocpp.OcppVersion;
import dev.pncpki.bridge.outbox.Delivery;
import dev.pncpki.bridge.outbox.Dispatcher;
import dev.pncpki.bridge.outbox.Outbox;
import dev.pncpki.bridge.station.Route;
import dev.pncpki.bridge.station.StationRefusal;
import dev.pncpki.bridge.station.StationRegistry;
import dev.pncpki.bridge.station.StationVersions;
import dev.pncpki.runtime.text.PlainText;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches a station's log (OCPP 2.0.1 N01 GetLog; 1.6 security whitepaper GetLog, same payload):
 * the request gets an OCPP requestId and, unless the admin names another upload target, the
 * bridge's own upload URL with a random token in it, so the file comes back to the bridge. The
 * GetLog answer and every LogStatusNotification the station sends for the request are recorded
 * (from any instance, in standalone and in proxy mode).
 *
 * <p>Nothing is stored or sent that the station could not take: the times lie in years 1 to 9999
 * (what RFC 3339's date-time, the schemas' format, can write), the upload target is plain text, and
 * the GetLog CALL passes the version's OCPP schema.
 */
public final class LogRetrieval implements Dispatcher.Listener {
  private static final Logger LOG = LoggerFactory.getLogger(LogRetrieval.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SecureRandom RANDOM = new SecureRandom();
  static final String ORIGIN = "log-request ";
  // RFC 3339 section 5.6: date-fullyear is four digits; year 0 is not a calendar year
  private static final Instant FIRST = Instant.parse("0001-01-01T00:00:00Z");
  private static final Instant LAST = Instant.parse("9999-12-31T23:59:59.999999999Z");

  /** What an admin asks for; the times bound the log's entries, the location overrides ours. */
  public record Ask(
      LogType type,
      Optional<Instant> oldest,
      Optional<Instant> latest,
      Optional<String> remoteLocation) {}

  /** The stored request and its GetLog on its way. */
  public record Asked(LogRequest request, Delivery delivery) {}

  private final StationRegistry registry;
  private final StationVersions versions;
  private final Outbox outbox;
  private final MessageSchemas schemas;
  private final LogStore store;
  private final Supplier<Optional<String>> uploadBase;
  private final AdminAudit audit;

  /** {@code uploadBase}: the bridge's upload URL ({@code .../log-uploads}), once it is known. */
  public LogRetrieval(
      StationRegistry registry,
      StationVersions versions,
      Outbox outbox,
      MessageSchemas schemas,
      LogStore store,
      Supplier<Optional<String>> uploadBase,
      AdminAudit audit) {
    this.registry = registry;
    this.versions = versions;
    this.outbox = outbox;
    this.schemas = schemas;
    this.store = store;
    this.uploadBase = uploadBase;
    this.audit = audit;
  }

  public Asked ask(String actor, String stationId, Ask ask) {
    try {
      return send(actor, stationId, ask);
    } catch (StationRefusal e) {
      audit.record(AdminEvent.of(actor, "log-request", stationId, "refused", e.getMessage()));
      throw e;
    }
  }

  private Asked send(String actor, String stationId, Ask ask) {
    if (registry.find(stationId).isEmpty()) {
      throw new StationRefusal(
          StationRefusal.Reason.UNKNOWN_STATION, "no station " + stationId + " is registered");
    }
    OcppVersion version =
        versions
            .of(stationId)
            .orElseThrow(
                () ->
                    new StationRefusal(
                        StationRefusal.Reason.NOT_CONNECTED_YET,
                        "station "
                            + stationId
                            + " has never connected: its OCPP version is not known yet"));
    within(ask.oldest(), "oldestTimestamp");
    within(ask.latest(), "latestTimestamp");
    if (ask.oldest().isPresent()
        && ask.latest().isPresent()
        && ask.oldest().get().isAfter(ask.latest().get())) {
      throw new StationRefusal(
          StationRefusal.Reason.INVALID_FIELD, "oldestTimestamp is after latestTimestamp");
    }
    Optional<String> token = Optional.empty();
    String location;
    if (ask.remoteLocation().isPresent()) {
      location = ask.remoteLocation().get();
      PlainText.problem(location)
          .ifPresent(
              p -> {
                throw new StationRefusal(
                    StationRefusal.Reason.INVALID_FIELD, "remoteLocation " + p);
              });
    } else {
      String base =
          uploadBase
              .get()
              .orElseThrow(
                  () ->
                      new StationRefusal(
                          StationRefusal.Reason.NOT_CONFIGURED,
                          "no upload target: give remoteLocation, or set logUploadUrl"));
      token = Optional.of(newToken());
      location = base + "/" + token.get();
    }
    int requestId = store.nextRequestId();
    Delivery.Request request = request(stationId, version, requestId, ask, location);
    try {
      schemas.checkRequest(version, request.action(), request.payload());
    } catch (OcppException e) {
      throw new StationRefusal(
          StationRefusal.Reason.INVALID_OCPP_PAYLOAD,
          "GetLog would break its schema: " + e.getMessage());
    }
    store.create(requestId, stationId, ask.type(), location, token, actor);
    Delivery d = outbox.enqueue(request);
    store.delivered(requestId, d.id());
    audit.record(
        AdminEvent.of(
            actor,
            "log-request",
            stationId,
            "sent",
            ask.type().wire() + " request " + requestId + ", delivery " + d.id()));
    return new Asked(store.find(requestId).orElseThrow(), d);
  }

  private static void within(Optional<Instant> time, String field) {
    if (time.isPresent() && (time.get().isBefore(FIRST) || time.get().isAfter(LAST))) {
      throw new StationRefusal(
          StationRefusal.Reason.INVALID_FIELD, field + " lies outside the years 1 to 9999");
    }
  }

  private static Delivery.Request request(
      String stationId, OcppVersion version, int requestId, Ask ask, String location) {
    ObjectNode payload =
        JSON.createObjectNode().put("logType", ask.type().wire()).put("requestId", requestId);
    ObjectNode log = payload.putObject("log").put("remoteLocation", location);
    ask.oldest().ifPresent(t -> log.put("oldestTimestamp", t.toString()));
    ask.latest().ifPresent(t -> log.put("latestTimestamp", t.toString()));
    return Delivery.Request.of(
        stationId, Route.direct(version), "GetLog", payload, ORIGIN + requestId);
  }

  private static String newToken() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** The station's answer to a GetLog of ours. */
  @Override
  public void answered(Delivery d, JsonNode answer) {
    if (!d.origin().startsWith(ORIGIN)) {
      return;
    }
    int requestId = Integer.parseInt(d.origin().substring(ORIGIN.length()));
    String status = answer.path("status").asText("");
    store.answered(requestId, status, Optional.ofNullable(answer.path("filename").textValue()));
    audit.record(
        AdminEvent.of(
            "bridge", "log-request", d.stationId(), status, "GetLog of request " + requestId));
  }

  /** A LogStatusNotification (either version), wherever the station sent it. */
  public void reported(String stationId, JsonNode payload) {
    JsonNode id = payload.path("requestId");
    String status = payload.path("status").asText("");
    if (!id.canConvertToInt() || status.isEmpty()) {
      return; // Idle, or a status report of no request of ours
    }
    if (!store.reported(stationId, id.intValue(), status)) {
      LOG.info(
          "station {}: LogStatusNotification {} for an unknown request {}", stationId, status, id);
    }
  }
}
