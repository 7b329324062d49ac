package dev.pncpki.bridge.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pncpki.bridge.truststore.TrustStoreChecks;
import dev.pncpki.bridge.truststore.TrustStoreSettings;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;

/**
 * {@code GET /v1/fleet/trust-stores[?differing=true]}: each station's trust store against policy,
 * as the last check found it (in sync, what it lacks and holds beyond policy, or unknown and why),
 * with the mode the bridge runs in. Stations that differ are also {@code trust-store-differs}
 * alerts.
 */
@Path("/v1/fleet/trust-stores")
@Produces(MediaType.APPLICATION_JSON)
public final class TrustStoreResource {
  private final TrustStoreChecks checks;
  private final TrustStoreSettings settings;

  TrustStoreResource(TrustStoreChecks checks, TrustStoreSettings settings) {
    this.checks = checks;
    this.settings = settings;
  }

  @GET
  public ObjectNode trustStores(@QueryParam("differing") @DefaultValue("false") boolean differing) {
    ObjectNode out = JsonNodeFactory.instance.objectNode().put("mode", settings.mode());
    ArrayNode types = out.putArray("types");
    settings.types().forEach(types::add);
    int inSync = 0;
    int differs = 0;
    int unknown = 0;
    ArrayNode stations = out.putArray("stations");
    for (var c : checks.all()) {
      Optional<Boolean> state = c.inSync();
      if (state.isEmpty()) {
        unknown++;
      } else if (state.get()) {
        inSync++;
      } else {
        differs++;
      }
      if (differing && !state.equals(Optional.of(false))) {
        continue;
      }
      ObjectNode s =
          stations
              .addObject()
              .put("stationId", c.stationId())
              .put("state", state.map(b -> b ? "in-sync" : "differs").orElse("unknown"))
              .put("missing", c.missing())
              .put("extra", c.extra())
              .put("detail", c.detail())
              .put("changesInFlight", c.changes().size());
      c.checkedAt()
          .ifPresentOrElse(t -> s.put("checkedAt", t.toString()), () -> s.putNull("checkedAt"));
    }
    out.putObject("counts").put("inSync", inSync).put("differs", differs).put("unknown", unknown);
    return out;
  }
}
