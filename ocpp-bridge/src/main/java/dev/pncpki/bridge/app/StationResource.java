package dev.pncpki.bridge.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pncpki.bridge.ocpp.MessageSchemas;
import dev.pncpki.bridge.ocpp.OcppException;
import dev.pncpki.bridge.ocpp.OcppVersion;
import dev.pncpki.bridge.outbox.Delivery;
import dev.pncpki.bridge.outbox.Outbox;
import dev.pncpki.bridge.outbox.RootCalls;
import dev.pncpki.bridge.outbox.Triggers;
import dev.pncpki.bridge.station.ConnectedStations;
import dev.pncpki.bridge.station.StationDirectory;
import dev.pncpki.bridge.station.StationSession;
import dev.pncpki.bridge.store.OcspFreshness;
import dev.pncpki.bridge.store.Presence;
import dev.pncpki.bridge.store.Renewals;
import dev.pncpki.bridge.store.SecurityEvents;
import dev.pncpki.bridge.store.StationCertificates;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /v1/stations} on the bridge, for admins: the fleet as the shared database sees it (every
 * instance's stations, their certificates and trust anchors), and the CALLs an admin starts on one
 * station (trigger a renewal; install, list and delete trust anchors). Each CALL is an outbox row,
 * delivered by whichever instance holds the station, also if it is away now; {@code wait} seconds
 * (default 30) waits for the station's answer. Authenticated with the bridge's admin token.
 */
@Path("/v1/stations")
@Produces(MediaType.APPLICATION_JSON)
public final class StationResource {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What the resource reads and writes. */
  record Fleet(
      StationDirectory directory,
      ConnectedStations connected,
      Presence presence,
      Outbox outbox,
      StationCertificates certificates,
      SecurityEvents events,
      MessageSchemas schemas,
      Renewals renewals,
      OcspFreshness ocsp) {}

  private final Fleet fleet;
  private final AdminApi admin;

  StationResource(Fleet fleet, String adminTokenSha256) {
    this.fleet = fleet;
    this.admin = new AdminApi(adminTokenSha256);
  }

  /** Body of POST /{id}/trigger. */
  public record Trigger(String requestedMessage) {}

  /** Body of POST /{id}/certificates: an OCPP 2.0.1 certificate type and a PEM certificate. */
  public record Install(String certificateType, String certificate) {}

  @GET
  public ArrayNode stations(@HeaderParam("Authorization") String auth) {
    admin.authenticate(auth);
    Map<String, List<StationCertificates.Delivered>> certificates = fleet.certificates().all();
    Map<String, Renewals.Latest> renewals = fleet.renewals().latest();
    Map<String, OcspFreshness.Last> ocsp = fleet.ocsp().all();
    ArrayNode out = JSON.createArrayNode();
    Instant now = Instant.now();
    for (Presence.Connection c : fleet.presence().all()) {
      ObjectNode station =
          Views.station(
              c.stationId(),
              java.util.Optional.of(c),
              certificates.getOrDefault(c.stationId(), List.of()),
              now);
      Views.health(station, renewals.get(c.stationId()), ocsp.get(c.stationId()));
      out.add(station);
    }
    return out;
  }

  @GET
  @Path("/{id}")
  public ObjectNode station(@HeaderParam("Authorization") String auth, @PathParam("id") String id) {
    admin.authenticate(auth);
    var connection = fleet.presence().find(id);
    if (connection.isEmpty() && fleet.directory().find(id).isEmpty()) {
      throw AdminApi.problem(404, "unknown-station", "no station " + id + " is configured");
    }
    ObjectNode out = Views.station(id, connection, fleet.certificates().of(id), Instant.now());
    Views.health(out, fleet.renewals().latest().get(id), fleet.ocsp().all().get(id));
    fleet
        .certificates()
        .anchors(id)
        .ifPresent(
            a -> {
              ObjectNode anchors = out.putObject("trustAnchors");
              anchors.put("askedAt", a.at().toString()).put("deliveryId", a.deliveryId());
              anchors.set("answer", a.answer());
            });
    ArrayNode deliveries = out.putArray("deliveries");
    fleet.outbox().forStation(id, 20).forEach(d -> deliveries.add(Views.delivery(d)));
    ArrayNode events = out.putArray("securityEvents");
    fleet.events().recent(id, 20).forEach(e -> events.add(Views.event(e)));
    return out;
  }

  @POST
  @Path("/{id}/trigger")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response trigger(
      @HeaderParam("Authorization") String auth,
      @PathParam("id") String id,
      @QueryParam("wait") @DefaultValue("30") int wait,
      Trigger body) {
    admin.authenticate(auth);
    String requested =
        AdminApi.required(body == null ? null : body.requestedMessage(), "requestedMessage");
    return send(Triggers.of(id, versionOf(id), requested, "admin"), wait);
  }

  @POST
  @Path("/{id}/certificates")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response install(
      @HeaderParam("Authorization") String auth,
      @PathParam("id") String id,
      @QueryParam("wait") @DefaultValue("30") int wait,
      Install body) {
    admin.authenticate(auth);
    String type =
        AdminApi.required(body == null ? null : body.certificateType(), "certificateType");
    String pem = AdminApi.required(body.certificate(), "certificate");
    Delivery.Request request;
    try {
      request = RootCalls.install(id, versionOf(id), type, pem, "admin");
    } catch (IllegalArgumentException e) {
      throw AdminApi.problem(400, "unsupported-type", e.getMessage());
    }
    return send(request, wait);
  }

  /** Asks the station for its installed certificates (GetInstalledCertificateIds). */
  @POST
  @Path("/{id}/certificate-ids")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response installed(
      @HeaderParam("Authorization") String auth,
      @PathParam("id") String id,
      @QueryParam("certificateType") String type,
      @QueryParam("wait") @DefaultValue("30") int wait) {
    admin.authenticate(auth);
    return send(RootCalls.installed(id, versionOf(id), type, "admin"), wait);
  }

  /** Deletes a certificate; {@code via=iso15118pnc} reaches a 1.6 station through DataTransfer. */
  @POST
  @Path("/{id}/certificates/delete")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response delete(
      @HeaderParam("Authorization") String auth,
      @PathParam("id") String id,
      @QueryParam("via") String via,
      @QueryParam("wait") @DefaultValue("30") int wait,
      JsonNode hashData) {
    admin.authenticate(auth);
    if (hashData == null || !hashData.isObject()) {
      throw AdminApi.problem(
          400, "malformed-request", "the body is the certificateHashData object");
    }
    return send(
        RootCalls.delete(id, versionOf(id), hashData, "iso15118pnc".equals(via), "admin"), wait);
  }

  private Response send(Delivery.Request request, int wait) {
    if (wait < 0 || wait > 60) {
      throw AdminApi.problem(400, "malformed-request", "wait is 0 to 60 seconds");
    }
    try {
      fleet.schemas().checkRequest(request.route().payload(), request.action(), request.payload());
    } catch (OcppException e) {
      throw AdminApi.problem(
          400,
          "invalid-ocpp-payload",
          request.action() + " would break its schema: " + e.getMessage());
    }
    Delivery d = fleet.outbox().enqueue(request);
    try {
      if (wait > 0) { // with wait=0 the row is answered as enqueued, without reading it again
        d = fleet.outbox().await(d.id(), Duration.ofSeconds(wait)).orElse(d);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    // 200 once the station answered or the delivery failed for good; 202 while it is on its way
    int status = d.state().isFinal() ? 200 : 202;
    return Response.status(status).entity(Views.delivery(d)).build();
  }

  /**
   * The station's OCPP version: of its connection to this instance, else of its current or last
   * connection anywhere.
   */
  private OcppVersion versionOf(String id) {
    if (fleet.directory().find(id).isEmpty()) {
      throw AdminApi.problem(404, "unknown-station", "no station " + id + " is configured");
    }
    Optional<StationSession> here = fleet.connected().find(id);
    if (here.isPresent()) {
      return here.get().version();
    }
    return fleet
        .presence()
        .find(id)
        .flatMap(c -> OcppVersion.ofSubprotocol(c.ocppVersion()))
        .orElseThrow(
            () ->
                AdminApi.problem(
                    409,
                    "never-connected",
                    "station " + id + " has never connected: its OCPP version is not known yet"));
  }
}
