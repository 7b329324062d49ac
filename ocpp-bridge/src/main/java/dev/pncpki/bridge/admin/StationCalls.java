package dev.pncpki.bridge.admin;

import dev.pncpki.bridge.audit.AdminAudit;
import dev.pncpki.bridge.audit.AdminAudit.AdminEvent;
import dev.pncpki.bridge.ocpp.MessageSchemas;
import dev.pncpki.bridge.ocpp.OcppException;
import dev.pncpki.bridge.ocpp.OcppVersion;
import dev.pncpki.bridge.outbox.Delivery;
import dev.pncpki.bridge.outbox.Outbox;
import dev.pncpki.bridge.station.StationRegistry;
import dev.pncpki.bridge.station.StationVersions;
import jakarta.ws.rs.core.Response;
import java.time.Duration;

/**
 * How an admin's CALL reaches a station: checked against its OCPP schema before anything is stored
 * (400 otherwise), written to the outbox (delivered by whichever instance holds the station, also
 * if it is away now), audited, and answered with the delivery once the station answered (200) or
 * after {@code wait} seconds while it is on its way (202).
 */
final class StationCalls {
  private final StationRegistry registry;
  private final StationVersions versions;
  private final Outbox outbox;
  private final MessageSchemas schemas;
  private final AdminAudit audit;

  StationCalls(
      StationRegistry registry,
      StationVersions versions,
      Outbox outbox,
      MessageSchemas schemas,
      AdminAudit audit) {
    this.registry = registry;
    this.versions = versions;
    this.outbox = outbox;
    this.schemas = schemas;
    this.audit = audit;
  }

  /** Checks, stores, audits and awaits the CALL; {@code action} names it in the audit trail. */
  Response send(String actor, String action, Delivery.Request request, int wait) {
    Fields.within(wait, 0, 60, "wait (seconds)");
    try {
      schemas.checkRequest(request.route().payload(), request.action(), request.payload());
    } catch (OcppException e) {
      audit.record(AdminEvent.of(actor, action, request.stationId(), "refused", e.getMessage()));
      throw Problem.INVALID_OCPP_PAYLOAD.because(
          request.action() + " would break its schema: " + e.getMessage());
    }
    Delivery d = outbox.enqueue(request);
    audit.record(
        AdminEvent.of(
            actor, action, request.stationId(), "sent", request.action() + ", delivery " + d.id()));
    return answer(d, wait);
  }

  /** The delivery as it is after at most {@code wait} seconds. */
  Response answer(Delivery d, int wait) {
    try {
      if (wait > 0) { // with wait=0 the row is answered as enqueued, without reading it again
        d = outbox.await(d.id(), Duration.ofSeconds(wait)).orElse(d);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return Response.status(d.state().isFinal() ? 200 : 202).entity(Views.delivery(d)).build();
  }

  /** The station's OCPP version; a station that never connected has none yet (409). */
  OcppVersion versionOf(String id) {
    if (registry.find(id).isEmpty()) {
      throw Problem.NOT_FOUND.because("no station " + id + " is registered");
    }
    return versions
        .of(id)
        .orElseThrow(
            () ->
                Problem.NEVER_CONNECTED.because(
                    "station " + id + " has never connected: its OCPP version is not known yet"));
  }
}
