package dev.pncpki.ca.api;

import dev.pncpki.ca.refusal.Refusal;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds RFC 9457 problem details (application/problem+json) with our stable code. */
final class ProblemResponses {
  static final String MEDIA_TYPE = "application/problem+json";

  private ProblemResponses() {}

  static Response of(Refusal problem, String detail, List<String> violations) {
    return of(ProblemStatus.of(problem), problem, detail, violations);
  }

  /**
   * With a status of the problem's class other than its own, e.g. 409 or 412 from Jersey as {@code
   * malformed-request}: the member "status" is the response's (RFC 9457 section 3.1.2).
   */
  static Response of(int status, Refusal problem, String detail, List<String> violations) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "urn:pnc-pki:problem:" + problem.code());
    body.put("title", problem.title());
    body.put("status", status);
    body.put("code", problem.code());
    body.put("detail", detail);
    if (!violations.isEmpty()) {
      body.put("violations", violations);
    }
    Response.ResponseBuilder r = Response.status(status).type(MEDIA_TYPE).entity(body);
    if (status == 503) {
      r.header("Retry-After", "5");
    }
    return r.build();
  }
}
