package dev.pncpki.ca.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Words a refusal as one line: {@code <code>: <detail>} from an RFC 9457 problem, with any profile
 * violations the detail does not already name, or the HTTP status when a proxy or an older service
 * answered with something else. Only a 4xx problem is a refusal ({@link ExitCode#REFUSED}): a 5xx
 * means the service failed, and a body without a problem code may come from anything on the way.
 */
final class ProblemLine {
  private ProblemLine() {}

  static CliFailure of(int status, String body) {
    JsonNode problem;
    try {
      problem = ServiceClient.JSON.readTree(body == null ? "" : body);
    } catch (JsonProcessingException e) {
      problem = null;
    }
    if (problem == null || !problem.isObject()) {
      return new CliFailure("HTTP " + status + " from the service");
    }
    if (problem.path("code").isTextual()) {
      String detail = problem.path("detail").asText(problem.path("title").asText(""));
      List<String> missing = new ArrayList<>();
      problem.path("violations").forEach(v -> addIfMissing(missing, detail, v.asText()));
      String line = problem.path("code").asText() + ": " + detail;
      return new CliFailure(
          missing.isEmpty() ? line : line + " (" + String.join("; ", missing) + ")",
          status / 100 == 4 ? ExitCode.REFUSED : ExitCode.ERROR);
    }
    // Dropwizard's own error body, e.g. for a path the service does not have
    if (problem.path("message").isTextual()) {
      return new CliFailure("HTTP " + status + ": " + problem.path("message").asText());
    }
    return new CliFailure("HTTP " + status + " from the service");
  }

  private static void addIfMissing(List<String> missing, String detail, String violation) {
    if (!violation.isBlank() && !detail.contains(violation)) {
      missing.add(violation);
    }
  }
}
