package dev.pncpki.bridge.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.pncpki.bridge.logs.UploadRefusal;
import dev.pncpki.bridge.station.StationRefusal;
import dev.pncpki.bridge.store.DatabaseFailures;
import dev.pncpki.runtime.http.JsonDetails;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;
import org.eclipse.jetty.http.HttpException;
import org.glassfish.jersey.server.ParamException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every refusal of the admin API as {@code application/problem+json}: the API's own problems, the
 * domain's refusals, bodies that are not the JSON a call takes, parameters of the wrong type,
 * unknown paths and methods, and a database that cannot be reached. Nothing a caller sends is
 * answered 500, and no detail echoes a request body.
 */
public final class ProblemMappers {
  private static final Logger LOG = LoggerFactory.getLogger(ProblemMappers.class);

  private ProblemMappers() {}

  /** The mappers, to register with Jersey. */
  public static List<Object> all() {
    return List.of(
        new Problems(),
        new Refusals(),
        new UploadRefusals(),
        new JsonBodies(),
        new WebErrors(),
        new Unexpected());
  }

  static final class Problems implements ExceptionMapper<ProblemException> {
    @Override
    public Response toResponse(ProblemException e) {
      return e.response();
    }
  }

  static final class Refusals implements ExceptionMapper<StationRefusal> {
    @Override
    public Response toResponse(StationRefusal e) {
      return of(e).response();
    }

    static ProblemException of(StationRefusal e) {
      Problem p =
          switch (e.reason()) {
            case INVALID_STATION_ID -> Problem.INVALID_STATION_ID;
            case STATION_EXISTS -> Problem.STATION_EXISTS;
            case SECC_ID_TAKEN -> Problem.SECC_ID_TAKEN;
            case UNKNOWN_STATION -> Problem.NOT_FOUND;
            case CERTIFICATE_BINDING_REQUIRED -> Problem.CERTIFICATE_BINDING_REQUIRED;
            case PASSWORD_TOO_SHORT -> Problem.PASSWORD_TOO_SHORT;
            case INVALID_PASSWORD -> Problem.INVALID_PASSWORD;
            case INVALID_FIELD -> Problem.MALFORMED_REQUEST;
            case INVALID_OCPP_PAYLOAD -> Problem.INVALID_OCPP_PAYLOAD;
            case PROFILE_DOWNGRADE -> Problem.SECURITY_PROFILE_DOWNGRADE;
            case CHANGE_PENDING -> Problem.CREDENTIAL_CHANGE_PENDING;
            case NOT_CONNECTED_YET -> Problem.NEVER_CONNECTED;
            case NOT_CONFIGURED -> Problem.NOT_CONFIGURED;
          };
      return p.because(e.getMessage());
    }
  }

  /** A station's log upload that is not kept ({@code /log-uploads/{token}}). */
  static final class UploadRefusals implements ExceptionMapper<UploadRefusal> {
    @Override
    public Response toResponse(UploadRefusal e) {
      Problem p =
          switch (e.reason()) {
            case NO_SUCH_UPLOAD -> Problem.NOT_FOUND;
            case ALREADY_UPLOADED -> Problem.LOG_ALREADY_UPLOADED;
            case EMPTY -> Problem.EMPTY_UPLOAD;
          };
      return p.because(e.getMessage()).response();
    }
  }

  /** A body that is not JSON, or not the JSON the call takes; the detail names no body content. */
  static final class JsonBodies implements ExceptionMapper<JsonProcessingException> {
    @Override
    public Response toResponse(JsonProcessingException e) {
      if (tooLarge(e)) {
        return tooLarge();
      }
      String detail =
          e instanceof ValueInstantiationException v && v.getCause() != null
              ? v.getCause().getMessage()
              : JsonDetails.of(e);
      return Problem.MALFORMED_REQUEST.because(detail).response();
    }
  }

  /** Jersey's own refusals: a parameter of the wrong type, no such path or method, a media type. */
  static final class WebErrors implements ExceptionMapper<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException e) {
      if (tooLarge(e)) {
        return tooLarge();
      }
      if (e instanceof ParamException p) {
        return Problem.MALFORMED_REQUEST
            .because(
                "parameter "
                    + p.getParameterName()
                    + " has a value of the wrong type"
                    + (p.getDefaultStringValue() == null
                        ? ""
                        : " (default " + p.getDefaultStringValue() + ")"))
            .response();
      }
      int status = e.getResponse().getStatus();
      Response answer =
          switch (status) {
            case 404 -> Problem.NOT_FOUND.because("no such resource").response();
            case 405 -> methodNotAllowed((NotAllowedException) e);
            case 406 ->
                Problem.NOT_ACCEPTABLE
                    .because("this resource answers application/json (problems as problem+json)")
                    .response();
            case 413 -> tooLarge();
            case 415 -> Problem.UNSUPPORTED_MEDIA_TYPE.because("send application/json").response();
            default -> {
              if (status >= 500) {
                LOG.error("admin API: failure", e);
                yield Problem.INTERNAL_ERROR
                    .because("the bridge failed; its log says why")
                    .response();
              }
              yield Problem.MALFORMED_REQUEST.because(String.valueOf(e.getMessage())).response();
            }
          };
      return answer;
    }

    private static Response methodNotAllowed(NotAllowedException e) {
      var allowed = e.getResponse().getAllowedMethods();
      return Response.fromResponse(
              Problem.METHOD_NOT_ALLOWED
                  .because("this resource takes " + String.join(", ", allowed))
                  .response())
          .allow(allowed)
          .build();
    }
  }

  /**
   * Anything else: the bridge's database failing is a 503, worth a retry; any other exception is a
   * defect of the bridge, logged with its trace and answered 500 without its message.
   */
  static final class Unexpected implements ExceptionMapper<RuntimeException> {
    @Override
    public Response toResponse(RuntimeException e) {
      if (tooLarge(e)) {
        return tooLarge();
      }
      if (DatabaseFailures.isDatabase(e)) {
        LOG.warn("admin API: database error: {}", e.toString());
        return Problem.DATABASE_UNAVAILABLE
            .because("the bridge's database cannot be reached")
            .response();
      }
      LOG.error("admin API: unexpected failure", e);
      return Problem.INTERNAL_ERROR.because("the bridge failed; its log says why").response();
    }
  }

  /**
   * Whether reading the body ran into the server's size limit: a body without Content-Length
   * (chunked) is cut off while it is read, and the limit's 413 arrives wrapped in whatever was
   * reading it (the JSON parser, Jersey).
   */
  static boolean tooLarge(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof HttpException h && h.getCode() == 413) {
        return true;
      }
    }
    return false;
  }

  private static Response tooLarge() {
    return Problem.PAYLOAD_TOO_LARGE.because("the body is larger than this API reads").response();
  }
}
