package dev.pncpki.bridge.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.core.Response;

/** A refusal of the admin API, answered as {@code application/problem+json}. */
public final class ProblemException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  static final String MEDIA_TYPE = "application/problem+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final transient Problem problem;

  public ProblemException(Problem problem, String detail) {
    super(detail);
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }

  /** The RFC 9457 answer. */
  public Response response() {
    ObjectNode body =
        JSON.createObjectNode()
            .put("type", "urn:pnc-pki:problem:" + problem.code())
            .put("title", problem.title())
            .put("status", problem.status())
            .put("code", problem.code())
            .put("detail", getMessage());
    Response.ResponseBuilder r = Response.status(problem.status()).type(MEDIA_TYPE).entity(body);
    if (problem.status() == 503) {
      r.header("Retry-After", "5");
    }
    if (problem == Problem.UNAUTHENTICATED) {
      r.header("WWW-Authenticate", "Bearer");
    }
    return r.build();
  }
}
