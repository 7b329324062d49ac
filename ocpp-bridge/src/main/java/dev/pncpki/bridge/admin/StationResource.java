package dev.pncpki.bridge.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pncpki.bridge.ocpp.CertificateHashData;
import dev.pncpki.bridge.outbox.Delivery;
import dev.pncpki.bridge.outbox.RootCalls;
import dev.pncpki.bridge.outbox.Triggers;
import dev.pncpki.bridge.station.Registration;
import dev.pncpki.bridge.station.Station;
import dev.pncpki.bridge.store.StationCertificates;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * {@code /v1/stations/{id}}: one station in full; disabling, re-enabling and deleting it (a
 * disabled or deleted station's connection is closed on whichever instance holds it); and the CALLs
 * an admin starts on it: trigger a renewal; install, list and delete certificates. Each CALL is an
 * outbox row ({@link StationCalls}); {@code wait} seconds (default 30) waits for the station's
 * answer.
 */
@Path("/v1/stations/{id}")
@Produces(MediaType.APPLICATION_JSON)
public final class StationResource {
  /** Body of POST trigger. */
  public record Trigger(String requestedMessage) {}

  /** Body of POST certificates: an OCPP 2.0.1 certificate type and a PEM certificate. */
  public record Install(String certificateType, String certificate) {}

  private final Registration registration;
  private final StationViews views;
  private final Views.Recent recent;
  private final StationCalls calls;
  private final StationCertificates certificates;

  StationResource(
      Registration registration,
      StationViews views,
      Views.Recent recent,
      StationCalls calls,
      StationCertificates certificates) {
    this.registration = registration;
    this.views = views;
    this.recent = recent;
    this.calls = calls;
    this.certificates = certificates;
  }

  @GET
  public ObjectNode station(@PathParam("id") String id) {
    return views.one(registration.find(id), recent);
  }

  @DELETE
  public Response delete(@Context SecurityContext caller, @PathParam("id") String id) {
    registration.delete(Actors.of(caller), id);
    return Response.noContent().build();
  }

  @POST
  @Path("/disable")
  public ObjectNode disable(@Context SecurityContext caller, @PathParam("id") String id) {
    return StationViews.registration(registration.setEnabled(Actors.of(caller), id, false));
  }

  @POST
  @Path("/enable")
  public ObjectNode enable(@Context SecurityContext caller, @PathParam("id") String id) {
    Station s = registration.setEnabled(Actors.of(caller), id, true);
    return StationViews.registration(s);
  }

  @POST
  @Path("/trigger")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response trigger(
      @Context SecurityContext caller,
      @PathParam("id") String id,
      @QueryParam("wait") @DefaultValue("30") int wait,
      Trigger body) {
    String requested =
        Fields.required(body == null ? null : body.requestedMessage(), "requestedMessage");
    Delivery.Request request = Triggers.of(id, calls.versionOf(id), requested, "admin");
    return calls.send(Actors.of(caller), "trigger", request, wait);
  }

  @POST
  @Path("/certificates")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response install(
      @Context SecurityContext caller,
      @PathParam("id") String id,
      @QueryParam("wait") @DefaultValue("30") int wait,
      Install body) {
    String type = Fields.required(body == null ? null : body.certificateType(), "certificateType");
    String pem = Fields.required(body.certificate(), "certificate");
    CampaignOrders.checkRoot(pem);
    Delivery.Request request;
    try {
      request = RootCalls.install(id, calls.versionOf(id), type, pem, "admin");
    } catch (IllegalArgumentException e) {
      throw Problem.UNSUPPORTED_TYPE.because(e.getMessage());
    }
    return calls.send(Actors.of(caller), "certificate-install", request, wait);
  }

  /** GetInstalledCertificateIds, for any number of types ({@code certificateType} repeated). */
  @POST
  @Path("/certificate-ids")
  public Response installed(
      @Context SecurityContext caller,
      @PathParam("id") String id,
      @QueryParam("certificateType") List<String> types,
      @QueryParam("wait") @DefaultValue("30") int wait) {
    Delivery.Request request;
    try {
      request = RootCalls.installed(id, calls.versionOf(id), types, "admin");
    } catch (IllegalArgumentException e) {
      throw Problem.UNSUPPORTED_TYPE.because(e.getMessage());
    }
    return calls.send(Actors.of(caller), "certificate-ids", request, wait);
  }

  /**
   * DeleteCertificate. The body is the certificateHashData, or {@code {"certificate": PEM,
   * "issuerCertificate": PEM}} (issuer: default the certificate itself, a root), for which the
   * bridge names the certificate as the station reported it in its last GetInstalledCertificateIds
   * answer, with the station's hash algorithm (M04.FR.07; SHA-256 if it never reported it). {@code
   * via=iso15118pnc} reaches a 1.6 station through DataTransfer.
   */
  @POST
  @Path("/certificates/delete")
  @Consumes(MediaType.APPLICATION_JSON)
  public Response delete(
      @Context SecurityContext caller,
      @PathParam("id") String id,
      @QueryParam("via") String via,
      @QueryParam("wait") @DefaultValue("30") int wait,
      JsonNode body) {
    if (body == null || !body.isObject()) {
      throw Problem.MALFORMED_REQUEST.because(
          "the body is the certificateHashData, or {certificate, issuerCertificate}");
    }
    if (via != null && !via.equals("iso15118pnc")) {
      throw Problem.MALFORMED_REQUEST.because("via is iso15118pnc or absent");
    }
    JsonNode hashData = body.has("certificate") ? hashDataOf(id, body) : body;
    Delivery.Request request =
        RootCalls.delete(id, calls.versionOf(id), hashData, via != null, "admin");
    return calls.send(Actors.of(caller), "certificate-delete", request, wait);
  }

  private JsonNode hashDataOf(String id, JsonNode body) {
    X509Certificate certificate = pem(body.path("certificate").asText(), "certificate");
    X509Certificate issuer =
        body.hasNonNull("issuerCertificate")
            ? pem(body.path("issuerCertificate").asText(), "issuerCertificate")
            : certificate;
    return certificates
        .anchors(id)
        .flatMap(a -> CertificateHashData.asReported(certificate, issuer, a.answer()))
        .<JsonNode>map(r -> r)
        .orElseGet(() -> CertificateHashData.of(certificate, issuer));
  }

  private static X509Certificate pem(String text, String field) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(
                  new ByteArrayInputStream(text.getBytes(StandardCharsets.US_ASCII)));
    } catch (CertificateException | RuntimeException e) {
      throw Problem.MALFORMED_REQUEST.because(field + " is not a PEM certificate");
    }
  }
}
