package dev.pncpki.ca.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.pncpki.ca.keys.KeyBackendException;
import dev.pncpki.ca.refusal.Refusal;
import dev.pncpki.ca.refusal.RefusedException;
import dev.pncpki.ca.store.StoreException;
import dev.pncpki.runtime.http.JsonDetails;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
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
        Refusal.DATABASE_UNAVAILABLE,
        "the CA database cannot be reached; retry shortly",
        List.of());
  }

  /** Vault down or refusing. */
  static final class KeyBackend implements ExceptionMapper<KeyBackendException> {
    @Override
    public Response toResponse(KeyBackendException e) {
      LOG.warn("key backend unavailable: {}", e.getMessage());
      return ProblemResponses.of(
          Refusal.KEY_BACKEND_UNAVAILABLE,
          "the key backend cannot be reached; retry shortly",
          List.of());
    }
  }

  /**
   * A body that is not JSON or not the expected shape, or a field a request record refuses (its
   * constructor's {@link RefusedException}, which Jackson wraps).
   */
  static final class Json implements ExceptionMapper<JsonProcessingException> {
    @Override
    public Response toResponse(JsonProcessingException e) {
      for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
        if (t instanceof RefusedException p) {
          return ProblemResponses.of(p.refusal(), p.getMessage(), p.violations());
        }
      }
      return ProblemResponses.of(Refusal.MALFORMED_REQUEST, JsonDetails.of(e), List.of());
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
            Refusal.MALFORMED_REQUEST,
            "query parameter " + q.getParameterName() + " has a value of the wrong type",
            List.of());
      }
      int status = e.getResponse().getStatus();
      if (status >= 500) {
        return Unexpected.internalError(e);
      }
      Refusal p =
          switch (status) {
            case 401 -> Refusal.UNAUTHENTICATED;
            case 403 -> Refusal.FORBIDDEN;
            case 404 -> Refusal.NOT_FOUND;
            case 405 -> Refusal.METHOD_NOT_ALLOWED;
            case 406 -> Refusal.NOT_ACCEPTABLE;
            case 413 -> Refusal.PAYLOAD_TOO_LARGE;
            case 415 -> Refusal.UNSUPPORTED_MEDIA_TYPE;
            default -> Refusal.MALFORMED_REQUEST;
          };
      // RFC 9110 section 15.5.6: a 405 names the methods the resource takes
      String allow = e.getResponse().getHeaderString("Allow");
      String detail =
          allow != null
              ? "this resource takes " + allow.replace(",", ", ")
              : e.getMessage() == null ? p.title() : e.getMessage();
      Response r = ProblemResponses.of(status, p, detail, List.of());
      return allow == null ? r : Response.fromResponse(r).header("Allow", allow).build();
    }
  }

  /**
   * Anything else is the CA's own fault: a 500 whose detail names no exception (its class and
   * message would tell a caller about the insides, and may hold data of other requests), with an id
   * that finds the one log entry that holds the stack trace.
   */
  static final class Unexpected implements ExceptionMapper<Throwable> {
    @Override
    public Response toResponse(Throwable e) {
      return internalError(e);
    }

    static Response internalError(Throwable e) {
      String id = Long.toHexString(ThreadLocalRandom.current().nextLong());
      LOG.error("unexpected error {}", id, e);
      return ProblemResponses.of(
          Refusal.INTERNAL_ERROR,
          "the CA could not answer this request; the error is logged as " + id,
          List.of());
    }
  }

  /**
   * The same for IllegalStateException, which Dropwizard maps by its exact type to a JSON body of
   * its own: Jersey prefers the mapper of the nearest type.
   */
  static final class UnexpectedState implements ExceptionMapper<IllegalStateException> {
    @Override
    public Response toResponse(IllegalStateException e) {
      return Unexpected.internalError(e);
    }
  }
}
