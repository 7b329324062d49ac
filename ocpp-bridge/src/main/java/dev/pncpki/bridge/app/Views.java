package dev.pncpki.bridge.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pncpki.bridge.outbox.Delivery;
import dev.pncpki.bridge.store.Presence;
import dev.pncpki.bridge.store.SecurityEvents;
import dev.pncpki.bridge.store.StationCertificates;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The admin API's JSON for deliveries, stations and security events (times in ISO 8601 UTC). */
final class Views {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Views() {}

  static ObjectNode delivery(Delivery d) {
    ObjectNode out =
        JSON.createObjectNode()
            .put("id", d.id())
            .put("stationId", d.stationId())
            .put("route", d.route().wire())
            .put("action", d.action())
            .put("origin", d.origin())
            .put("state", d.state().wire())
            .put("attempts", d.attempts())
            .put("maxAttempts", d.maxAttempts())
            .put("nextAttemptAt", d.nextAttemptAt().toString())
            .put("createdAt", d.createdAt().toString())
            .put("updatedAt", d.updatedAt().toString());
    out.set("payload", d.payload());
    d.answer().ifPresent(a -> out.set("answer", a));
    d.lastError().ifPresent(e -> out.put("lastError", e));
    return out;
  }

  static ObjectNode station(
      String id,
      Optional<Presence.Connection> connection,
      List<StationCertificates.Delivered> certificates,
      Instant now) {
    ObjectNode out = JSON.createObjectNode().put("id", id);
    out.put("connected", connection.map(Presence.Connection::connected).orElse(false));
    connection.ifPresent(
        c -> {
          out.put("ocppVersion", c.ocppVersion()).put("instance", c.instanceId());
          out.put("connectedAt", c.connectedAt().toString());
          c.disconnectedAt().ifPresent(t -> out.put("disconnectedAt", t.toString()));
        });
    var list = out.putArray("certificates");
    for (var c : certificates) {
      list.addObject()
          .put("serial", c.serial())
          .put("certificateType", c.certificateType())
          .put("notAfter", c.notAfter().toString())
          .put("daysLeft", java.time.Duration.between(now, c.notAfter()).toDays())
          .put("status", c.status())
          .put("answeredAt", c.answeredAt().toString())
          .put("deliveryId", c.deliveryId());
    }
    return out;
  }

  static ObjectNode event(SecurityEvents.Event e) {
    return JSON.createObjectNode()
        .put("id", e.id())
        .put("at", e.at().toString())
        .put("stationId", e.stationId())
        .put("source", e.source())
        .put("type", e.type())
        .put("detail", e.detail());
  }
}
