package dev.pncpki.bridge.admin;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pncpki.bridge.audit.AdminAudit;
import dev.pncpki.bridge.audit.AdminAudit.AdminEvent;
import dev.pncpki.bridge.station.StationRegistry;
import dev.pncpki.bridge.trust.RootFingerprint;
import dev.pncpki.bridge.trust.V2gRootPins;
import dev.pncpki.bridge.trust.V2gRootPolicy;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Optional;

/**
 * {@code /v1/stations/{id}/v2g-root}: which V2G root the station's SECC certificates are issued
 * under ({@link V2gRootPolicy}): what an admin pinned, the root of its current V2G certificate, the
 * fleet default, and the one its next certificate gets. An admin pins a root (its SHA-256
 * fingerprint) for a station whose vehicles trust another root than the fleet's, or drops the pin.
 * The CA refuses issuance under a root whose chain it does not hold; the station's signing request
 * then fails with that reason, where operators see failed deliveries.
 */
@Path("/v1/stations/{id}/v2g-root")
@Produces(MediaType.APPLICATION_JSON)
public final class V2gRootResource {
  /** Body of PUT: the root's SHA-256 fingerprint (hex, colons allowed). */
  public record Pin(String root) {}

  private final StationRegistry registry;
  private final V2gRootPins pins;
  private final V2gRootPolicy policy;
  private final AdminAudit audit;

  V2gRootResource(
      StationRegistry registry, V2gRootPins pins, V2gRootPolicy policy, AdminAudit audit) {
    this.registry = registry;
    this.pins = pins;
    this.policy = policy;
    this.audit = audit;
  }

  @GET
  public ObjectNode get(@PathParam("id") String id) {
    known(id);
    return view(id);
  }

  @PUT
  @Consumes(MediaType.APPLICATION_JSON)
  public ObjectNode pin(@Context SecurityContext caller, @PathParam("id") String id, Pin body) {
    String actor = Actors.of(caller);
    known(id);
    RootFingerprint root;
    try {
      root = RootFingerprint.parse(body == null ? null : body.root());
    } catch (IllegalArgumentException e) {
      audit.record(AdminEvent.of(actor, "v2g-root-pin", id, "refused", e.getMessage()));
      throw Problem.MALFORMED_REQUEST.because("root: " + e.getMessage());
    }
    if (!pins.pin(id, root, actor)) {
      throw Problem.NOT_FOUND.because("no station \"" + id + "\"");
    }
    audit.record(AdminEvent.of(actor, "v2g-root-pin", id, "done", root.hex()));
    return view(id);
  }

  @DELETE
  public ObjectNode unpin(@Context SecurityContext caller, @PathParam("id") String id) {
    known(id);
    boolean had = pins.unpin(id);
    audit.record(
        AdminEvent.of(
            Actors.of(caller), "v2g-root-unpin", id, "done", had ? "pin dropped" : "had none"));
    return view(id);
  }

  private void known(String id) {
    if (registry.find(id).isEmpty()) {
      throw Problem.NOT_FOUND.because("no station \"" + id + "\"");
    }
  }

  private ObjectNode view(String id) {
    ObjectNode out = JsonNodeFactory.instance.objectNode().put("stationId", id);
    put(out, "pinned", pins.pinned(id));
    put(out, "currentLeaf", pins.lastIssued(id));
    put(out, "fleetDefault", policy.fleetDefault());
    Optional<V2gRootPolicy.Choice> next = policy.rootFor(id);
    put(out, "next", next.map(V2gRootPolicy.Choice::root));
    out.put(
        "source",
        next.map(c -> c.source().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'))
            .orElse("ca-choice"));
    return out;
  }

  private static void put(ObjectNode out, String field, Optional<RootFingerprint> root) {
    if (root.isPresent()) {
      out.put(field, root.get().hex());
    } else {
      out.putNull(field);
    }
  }
}
