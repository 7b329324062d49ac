package dev.pncpki.bridge.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pncpki.bridge.campaign.Campaign;
import dev.pncpki.bridge.campaign.Target;
import dev.pncpki.bridge.logs.LogRequest;
import dev.pncpki.bridge.outbox.Delivery;
import dev.pncpki.bridge.outbox.Outbox;
import dev.pncpki.bridge.store.OcspFreshness;
import dev.pncpki.bridge.store.Presence;
import dev.pncpki.bridge.store.Renewals;
import dev.pncpki.bridge.store.SecurityEvents;
import dev.pncpki.bridge.store.StationCertificates;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The admin API's JSON for deliveries, stations and security events (times in ISO 8601 UTC). */
final class Views {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Views() {}

  /** A station's latest deliveries and security events, for its full view. */
  record Recent(Outbox outbox, SecurityEvents events) {
    void addTo(ObjectNode out, String stationId) {
      ArrayNode deliveries = out.putArray("deliveries");
      outbox.forStation(stationId, 20).forEach(d -> deliveries.add(delivery(d)));
      ArrayNode securityEvents = out.putArray("securityEvents");
      events.recent(stationId, 20).forEach(e -> securityEvents.add(event(e)));
    }
  }

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
    out.set("payload", shown(d.payload()));
    d.answer().ifPresent(a -> out.set("answer", a));
    d.lastError().ifPresent(e -> out.put("lastError", e));
    return out;
  }

  /** A payload as admins see it: a GetLog's upload URL without its user and password. */
  private static JsonNode shown(JsonNode payload) {
    JsonNode location = payload.path("log").path("remoteLocation");
    if (!location.isTextual()) {
      return payload;
    }
    ObjectNode copy = payload.deepCopy();
    ((ObjectNode) copy.get("log"))
        .put("remoteLocation", LogRequest.withoutCredentials(location.asText()));
    return copy;
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
          .put("deliveryId", c.deliveryId())
          .put("issuer", c.issuer().orElse(null))
          .put("organization", c.organization().orElse(null));
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
        .put("detail", e.detail())
        .put("count", e.count());
  }

  static ObjectNode campaign(Campaign c) {
    ObjectNode out =
        JSON.createObjectNode()
            .put("id", c.id())
            .put("kind", c.kind().wire())
            .put("state", c.state().wire());
    out.set("parameters", withoutPem(c.parameters()));
    out.set("selection", c.selection());
    out.put("waveSize", c.plan().waveSize())
        .put("concurrency", c.plan().concurrency())
        .put("maxFailurePercent", c.plan().maxFailurePercent())
        .put("stepTimeoutSeconds", c.plan().stepTimeoutSeconds())
        .put("currentWave", Math.min(c.currentWave(), c.waves()))
        .put("waves", c.waves())
        .put("total", c.total());
    ObjectNode counts = out.putObject("counts");
    for (Target.State s : Target.State.values()) {
      counts.put(s.wire(), c.count(s));
    }
    long finished =
        c.count(Target.State.ACCEPTED)
            + c.count(Target.State.REJECTED)
            + c.count(Target.State.FAILED)
            + c.count(Target.State.CANCELLED);
    out.put("finished", finished);
    out.put("pausedReason", c.pausedReason().orElse(null));
    out.put("createdBy", c.createdBy())
        .put("createdAt", c.createdAt().toString())
        .put("updatedAt", c.updatedAt().toString());
    c.finishedAt().ifPresent(t -> out.put("finishedAt", t.toString()));
    return out;
  }

  /** The parameters, with an installed certificate shown by its subject only. */
  private static JsonNode withoutPem(JsonNode parameters) {
    if (!parameters.has("certificate")) {
      return parameters;
    }
    ObjectNode copy = parameters.deepCopy();
    copy.remove("certificate");
    certificateOf(parameters.path("certificate").asText())
        .ifPresent(
            x ->
                copy.put("subject", x.getSubjectX500Principal().getName())
                    .put("serialNumber", x.getSerialNumber().toString(16)));
    return copy;
  }

  static ObjectNode target(Target t) {
    ObjectNode out =
        JSON.createObjectNode()
            .put("stationId", t.stationId())
            .put("wave", t.wave())
            .put("state", t.state().wire())
            .put("updatedAt", t.updatedAt().toString());
    t.reason().ifPresent(r -> out.put("reason", r));
    t.deliveryId().ifPresent(d -> out.put("deliveryId", d));
    t.certificateDeliveryId().ifPresent(d -> out.put("certificateDeliveryId", d));
    t.requestedAt().ifPresent(r -> out.put("requestedAt", r.toString()));
    return out;
  }

  /** The first certificate of a PEM text, if it is one. */
  static Optional<X509Certificate> certificateOf(String pem) {
    try {
      return Optional.of(
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(
                      new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))));
    } catch (CertificateException | ClassCastException e) {
      return Optional.empty();
    }
  }

  /** Adds a station's last renewal, last OCSP answer and last contact to its view. */
  static void health(ObjectNode station, Renewals.Latest renewal, OcspFreshness.Last ocsp) {
    if (renewal != null) {
      ObjectNode r =
          station
              .putObject("lastRenewal")
              .put("state", renewal.state())
              .put("updatedAt", renewal.updatedAt().toString());
      renewal.lastError().ifPresent(e -> r.put("lastError", e));
    }
    if (ocsp != null) {
      ObjectNode o =
          station
              .putObject("ocsp")
              .put("serial", ocsp.serial())
              .put("status", ocsp.status())
              .put("at", ocsp.askedAt().toString());
      ocsp.nextUpdate().ifPresent(t -> o.put("nextUpdate", t.toString()));
    }
    // connected now: this moment; else when it went away
    station.put(
        "lastContact",
        station.path("connected").asBoolean()
            ? Instant.now().toString()
            : station.path("disconnectedAt").asText(null));
  }
}
