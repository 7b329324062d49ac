package dev.pncpki.ca.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.pncpki.ca.keys.KeyBackendException;
import dev.pncpki.ca.problem.Problem;
import dev.pncpki.ca.store.StoreException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;
import org.glassfish.jersey.server.ParamException;
import org.jdbi.v3.core.JdbiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Failures outside the CA's own rules, each turned into a problem detail with a stable code. */
final class InfrastructureExceptionMappers {
  private static final Logger LOG = LoggerFactory.getLogger(InfrastructureExceptionMappers.class);

  private InfrastructureExceptionMappers() {}

  /** PostgreSQL down or refusing: 503 with Retry-After; the next request tries again. */
  static final class Database implements ExceptionMapper<JdbiException> {
    @Override
    public Response toResponse(JdbiException e) {
      return databaseUnavailable(e);
    }
  }

  /** The same for a statement run through plain JDBC (see ContractStatements.vehicle). */
  static final class Store implements ExceptionMapper<StoreException> {
    @Override
    public Response toResponse(StoreException e) {
      return databaseUnavailable(e);
    }
  }

  private static Response databaseUnavailable(RuntimeException e) {
    LOG.warn("database unavailable: {}", e.getMessage());
    return ProblemResponses.of(
        Problem.DATABASE_UNAVAILABLE,
        "the CA database cannot be reached; retry shortly",
        List.of());
  }

  /** Vault down or refusing. */
  static final class KeyBackend implements ExceptionMapper<KeyBackendException> {
    @Override
    public Response toResponse(KeyBackendException e) {
      LOG.warn("key backend unavailable: {}", e.getMessage());
      return ProblemResponses.of(
          Problem.KEY_BACKEND_UNAVAILABLE,
          "the key backend cannot be reached; retry shortly",
          List.of());
    }
  }

  /** A body that is not JSON or not the expected shape. */
  static final class Json implements ExceptionMapper<JsonProcessingException> {
    @Override
    public Response toResponse(JsonProcessingException e) {
      return ProblemResponses.of(
          Problem.MALFORMED_REQUEST,
          "the body is not the expected JSON: " + e.getOriginalMessage(),
          List.of());
    }
  }

  /** Jersey's own refusals (404, 405, 406, 413, 415) in the same format. */
  static final class Web implements ExceptionMapper<WebApplicationException> {
    @Override
    public Response toResponse(WebApplicationException e) {
      // JAX-RS answers 404 for a query value it cannot convert (?limit=ten): the resource exists,
      // the request is what is wrong
      if (e instanceof ParamException.QueryParamException q) {
        return ProblemResponses.of(
            Problem.MALFORMED_REQUEST,
            "query parameter " + q.getParameterName() + " has a value of the wrong type",
            List.of());
      }
      int status = e.getResponse().getStatus();
      Problem p =
          switch (status) {
            case 404 -> Problem.NOT_FOUND;
            case 413 -> Problem.PAYLOAD_TOO_LARGE;
            case 415 -> Problem.UNSUPPORTED_MEDIA_TYPE;
            case 401 -> Problem.UNAUTHENTICATED;
            case 403 -> Problem.FORBIDDEN;
            default -> Problem.MALFORMED_REQUEST;
          };
      Response r =
          ProblemResponses.of(p, e.getMessage() == null ? p.title() : e.getMessage(), List.of());
      return status == p.status() ? r : Response.fromResponse(r).status(status).build();
    }
  }
}
