package dev.pncpki.bridge.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pncpki.bridge.ocpp.OcppVersion;
import dev.pncpki.bridge.station.ConnectedStations;
import dev.pncpki.bridge.station.StationSession;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /v1/stations} on the bridge, for admins: which stations are connected, and the CALLs an
 * admin starts on one (trigger a certificate renewal; install, list and delete trust anchors). The
 * station's answer is returned as it came. Authenticated with the bridge's admin token.
 */
@Path("/v1/stations")
@Produces(MediaType.APPLICATION_JSON)
public final class StationResource {
  private static final Logger LOG = LoggerFactory.getLogger(StationResource.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** OCPP 2.0.1 certificate types and their OCPP 1.6 security-extension names. */
  private static final Map<String, String> OCPP16_TYPES =
      Map.of(
          "CSMSRootCertificate", "CentralSystemRootCertificate",
          "ManufacturerRootCertificate", "ManufacturerRootCertificate");

  private final ConnectedStations stations;
  private final byte[] adminTokenSha256;

  public StationResource(ConnectedStations stations, String adminTokenSha256) {
    this.stations = stations;
    this.adminTokenSha256 = HexFormat.of().parseHex(adminTokenSha256);
  }

  /** Body of POST /{id}/trigger. */
  public record Trigger(String requestedMessage) {}

  /** Body of POST /{id}/certificates: an OCPP 2.0.1 certificate type and a PEM certificate. */
  public record Install(String certificateType, String certificate) {}

  @GET
  public List<Map<String, String>> connected(@HeaderParam("Authorization") String auth) {
    authenticate(auth);
    return stations.all().stream()
        .map(s -> Map.of("id", s.stationId(), "ocppVersion", s.version().subprotocol()))
        .toList();
  }

  @POST
  @Path("/{id}/trigger")
  @Consumes(MediaType.APPLICATION_JSON)
  public JsonNode trigger(
      @HeaderParam("Authorization") String auth, @PathParam("id") String id, Trigger body) {
    authenticate(auth);
    StationSession station = station(id);
    String requested = required(body == null ? null : body.requestedMessage(), "requestedMessage");
    if (station.version() == OcppVersion.OCPP16) {
      if (requested.equals("SignChargingStationCertificate")) {
        requested = "SignChargePointCertificate";
      }
      return call(station, "ExtendedTriggerMessage", payload("requestedMessage", requested));
    }
    return call(station, "TriggerMessage", payload("requestedMessage", requested));
  }

  @POST
  @Path("/{id}/certificates")
  @Consumes(MediaType.APPLICATION_JSON)
  public JsonNode install(
      @HeaderParam("Authorization") String auth, @PathParam("id") String id, Install body) {
    authenticate(auth);
    StationSession station = station(id);
    String type = required(body == null ? null : body.certificateType(), "certificateType");
    String pem = required(body.certificate(), "certificate");
    if (station.version() == OcppVersion.OCPP16) {
      type = OCPP16_TYPES.get(type);
      if (type == null) {
        throw refused(
            400, "OCPP 1.6 installs only CSMSRootCertificate and ManufacturerRootCertificate");
      }
    }
    ObjectNode payload = payload("certificateType", type);
    payload.put("certificate", pem);
    return call(station, "InstallCertificate", payload);
  }

  @GET
  @Path("/{id}/certificates")
  public JsonNode installed(
      @HeaderParam("Authorization") String auth,
      @PathParam("id") String id,
      @QueryParam("certificateType") String type) {
    authenticate(auth);
    StationSession station = station(id);
    ObjectNode payload = JSON.createObjectNode();
    if (station.version() == OcppVersion.OCPP16) {
      String wanted = type == null ? null : OCPP16_TYPES.get(type);
      payload.put("certificateType", wanted == null ? "CentralSystemRootCertificate" : wanted);
    } else if (type != null) {
      payload.putArray("certificateType").add(type);
    }
    return call(station, "GetInstalledCertificateIds", payload);
  }

  @POST
  @Path("/{id}/certificates/delete")
  @Consumes(MediaType.APPLICATION_JSON)
  public JsonNode delete(
      @HeaderParam("Authorization") String auth, @PathParam("id") String id, JsonNode hashData) {
    authenticate(auth);
    if (hashData == null || !hashData.isObject()) {
      throw refused(400, "the body is the certificateHashData object");
    }
    ObjectNode payload = JSON.createObjectNode();
    payload.set("certificateHashData", hashData);
    return call(station(id), "DeleteCertificate", payload);
  }

  private JsonNode call(StationSession station, String action, ObjectNode payload) {
    try {
      JsonNode answer = station.call(action, payload).get(35, TimeUnit.SECONDS);
      LOG.info("admin {} on {}: {}", action, station.stationId(), answer);
      return answer;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TimeoutException) {
        throw refused(504, action + ": the station did not answer");
      }
      if (e.getCause() instanceof IllegalArgumentException invalid) {
        throw refused(400, invalid.getMessage()); // refused before anything was sent
      }
      throw refused(502, action + " failed at the station: " + e.getCause().getMessage());
    } catch (TimeoutException e) {
      throw refused(504, action + ": the station did not answer");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw refused(503, "interrupted");
    }
  }

  private StationSession station(String id) {
    return stations.find(id).orElseThrow(() -> refused(404, "station " + id + " is not connected"));
  }

  private void authenticate(String auth) {
    byte[] presented =
        auth != null && auth.startsWith("Bearer ")
            ? sha256(auth.substring(7).strip())
            : new byte[0];
    if (!MessageDigest.isEqual(presented, adminTokenSha256)) {
      throw refused(401, "an admin token is required");
    }
  }

  private static String required(String value, String name) {
    if (value == null || value.isBlank()) {
      throw refused(400, name + " is required");
    }
    return value;
  }

  private static ObjectNode payload(String field, String value) {
    return JSON.createObjectNode().put(field, value);
  }

  private static WebApplicationException refused(int status, String detail) {
    return new WebApplicationException(
        Response.status(status)
            .type("application/problem+json")
            .entity(JSON.createObjectNode().put("status", status).put("detail", detail))
            .build());
  }

  private static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
