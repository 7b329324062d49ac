package dev.pncpki.bridge.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

/**
 * A request body that is not JSON, or not the JSON a resource takes, is a 400 problem ({@code
 * malformed-request}) like every other admin API error, instead of Dropwizard's plain answer. The
 * detail names what was wrong without echoing the body.
 */
final class JsonProblems implements ExceptionMapper<JsonProcessingException> {
  @Override
  public Response toResponse(JsonProcessingException e) {
    String detail =
        e instanceof ValueInstantiationException v && v.getCause() != null
            ? v.getCause().getMessage()
            : "the body is not the JSON this call takes: " + e.getOriginalMessage();
    return AdminApi.problem(400, "malformed-request", detail).getResponse();
  }
}
