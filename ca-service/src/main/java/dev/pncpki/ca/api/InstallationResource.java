package dev.pncpki.ca.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.pncpki.ca.installation.Installations;
import dev.pncpki.ca.installation.Iso15118Service;
import dev.pncpki.ca.refusal.PlainText;
import dev.pncpki.ca.refusal.Refusal;
import dev.pncpki.ca.refusal.RefusedException;
import dev.pncpki.contract.installation.CertificateMessages;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;
import java.util.Base64;
import java.util.Optional;

/**
 * {@code POST /v1/iso15118/certificate-installation}: a vehicle's EXI CertificateInstallationReq
 * (or CertificateUpdateReq) in, the signed EXI response out, base64, with the schema namespace (in
 * the manner of Open Plug&Charge). For the OCPP bridge (Get15118EVCertificate) and backends that
 * receive the request elsewhere.
 */
@Path("/v1/iso15118/certificate-installation")
@Produces(MediaType.APPLICATION_JSON)
public final class InstallationResource {
  private final Optional<Iso15118Service> installations;

  public InstallationResource(Optional<Iso15118Service> installations) {
    this.installations = installations;
  }

  /** The request: one of the two EXI messages, base64, and the namespace of its schema. */
  public record Request(
      String certificateInstallationReq, String certificateUpdateReq, String xsdMsgDefNamespace) {
    public Request {
      PlainText.block("certificateInstallationReq", certificateInstallationReq);
      PlainText.block("certificateUpdateReq", certificateUpdateReq);
      PlainText.line("xsdMsgDefNamespace", xsdMsgDefNamespace);
    }
  }

  /** The answer: the response for the kind of request that came, and what it says. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Answer(
      String certificateInstallationRes,
      String certificateUpdateRes,
      String xsdMsgDefNamespace,
      String responseCode,
      String emaid) {}

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  public Answer answer(@Context SecurityContext security, Request body) {
    Iso15118Service service =
        installations.orElseThrow(
            () ->
                new RefusedException(
                    Refusal.ISO15118_NOT_CONFIGURED,
                    "set iso15118SchemaDirectory (and iso15118_20SchemaDirectory) to the ISO"
                        + " 15118 schemas"));
    if (body == null
        || (body.certificateInstallationReq() == null) == (body.certificateUpdateReq() == null)) {
      throw new RefusedException(
          Refusal.MALFORMED_REQUEST,
          "give one of certificateInstallationReq and certificateUpdateReq (base64 EXI)");
    }
    String namespace =
        body.xsdMsgDefNamespace() == null
            ? CertificateMessages.NAMESPACE
            : body.xsdMsgDefNamespace();
    boolean update = body.certificateUpdateReq() != null;
    byte[] exi;
    try {
      exi =
          Base64.getDecoder()
              .decode(update ? body.certificateUpdateReq() : body.certificateInstallationReq());
    } catch (IllegalArgumentException e) {
      throw new RefusedException(Refusal.MALFORMED_REQUEST, "the request is not base64");
    }
    Installations.Answer answer =
        service.answer(CertificateResource.caller(security), namespace, exi);
    String response = Base64.getEncoder().encodeToString(answer.exiResponse());
    return new Answer(
        update ? null : response,
        update ? response : null,
        namespace,
        answer.code(),
        answer.emaid().orElse(null));
  }
}
