package dev.pncpki.bridge.admin;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pncpki.bridge.station.CertificateBinding;
import dev.pncpki.bridge.station.Registration;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.Optional;

/**
 * {@code /v1/stations}: the registered stations, connected or not (never-connected ones included),
 * and the registration of a new one, which every bridge instance admits at its next connection
 * without a restart.
 */
@Path("/v1/stations")
@Produces(MediaType.APPLICATION_JSON)
public final class StationsResource {
  /** Body of POST: the station. Without a password (profiles 1 and 2) one is made. */
  public record Register(
      String id,
      Integer securityProfile,
      String password,
      ClientCertificate clientCertificate,
      String operator,
      String model,
      List<String> seccIds) {}

  /**
   * Which client certificate is a profile-3 station's: exactly one of its CN, its SHA-256
   * fingerprint (hex), or the certificate itself (PEM; its fingerprint is kept).
   */
  public record ClientCertificate(String commonName, String sha256, String certificate) {}

  private final Registration registration;
  private final StationViews views;

  StationsResource(Registration registration, StationViews views) {
    this.registration = registration;
    this.views = views;
  }

  @GET
  public ArrayNode stations(
      @QueryParam("state") String state, @QueryParam("operator") String operator) {
    Optional<StationViews.State> wanted = Optional.empty();
    if (state != null) {
      wanted =
          Optional.of(
              StationViews.State.of(state)
                  .orElseThrow(
                      () ->
                          Problem.MALFORMED_REQUEST.because(
                              "state is connected, disconnected, never-connected or disabled")));
    }
    return views.all(wanted, Optional.ofNullable(operator));
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Response register(@Context SecurityContext caller, Register body) {
    if (body == null) {
      throw Problem.MALFORMED_REQUEST.because("the body is the station to register");
    }
    var request =
        new Registration.Request(
            Fields.required(body.id(), "id"),
            body.securityProfile() == null ? 1 : body.securityProfile(),
            Optional.ofNullable(body.password()),
            binding(body.clientCertificate()),
            Optional.ofNullable(body.operator()),
            Optional.ofNullable(body.model()),
            body.seccIds() == null ? List.of() : body.seccIds());
    Registration.Registered done = registration.register(Actors.of(caller), request);
    ObjectNode out = StationViews.registration(done.station());
    out.put("state", StationViews.State.NEVER_CONNECTED.wire());
    // shown this once: the bridge keeps only its hash
    done.generatedPassword().ifPresent(p -> out.put("password", p));
    return Response.status(201).header("Cache-Control", "no-store").entity(out).build();
  }

  static Optional<CertificateBinding> binding(ClientCertificate c) {
    if (c == null) {
      return Optional.empty();
    }
    int given =
        (c.commonName() != null ? 1 : 0)
            + (c.sha256() != null ? 1 : 0)
            + (c.certificate() != null ? 1 : 0);
    if (given != 1) {
      throw Problem.MALFORMED_REQUEST.because(
          "clientCertificate has exactly one of commonName, sha256, certificate");
    }
    try {
      if (c.commonName() != null) {
        return Optional.of(new CertificateBinding.CommonName(c.commonName()));
      }
      if (c.sha256() != null) {
        return Optional.of(CertificateBinding.Fingerprint.ofHex(c.sha256()));
      }
    } catch (IllegalArgumentException e) {
      throw Problem.MALFORMED_REQUEST.because("clientCertificate: " + e.getMessage());
    }
    return Optional.of(CertificateBinding.Fingerprint.of(fingerprint(c.certificate())));
  }

  private static byte[] fingerprint(String pem) {
    try {
      var certificate =
          CertificateFactory.getInstance("X.509")
              .generateCertificate(
                  new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
      return MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
    } catch (GeneralSecurityException | RuntimeException e) {
      throw Problem.MALFORMED_REQUEST.because(
          "clientCertificate.certificate is not a PEM certificate");
    }
  }
}
