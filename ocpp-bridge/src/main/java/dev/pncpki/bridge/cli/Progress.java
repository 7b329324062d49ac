package dev.pncpki.bridge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.List;

/**
 * A campaign's progress for people: a bar of the stations finished, the counts by state, and the
 * wave; followed live ({@link #watch}) until the campaign is done, paused or cancelled, redrawn in
 * place on a terminal and a line per change otherwise (logs, CI).
 */
final class Progress {
  private static final int WIDTH = 30;
  private static final List<String> STATES =
      List.of(
          "pending",
          "requested",
          "issued",
          "delivered",
          "accepted",
          "rejected",
          "failed",
          "cancelled");

  private Progress() {}

  /** "[#########.....] 45% 9/20 · accepted 7 · rejected 1 · failed 1 · wave 2/2 · running" */
  static String line(JsonNode c) {
    long total = c.path("total").asLong();
    long finished = c.path("finished").asLong();
    int filled = total == 0 ? WIDTH : (int) (finished * WIDTH / total);
    var out = new StringBuilder("campaign ").append(c.path("id").asLong()).append(" [");
    out.append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append("] ");
    out.append(total == 0 ? 100 : finished * 100 / total).append("% ");
    out.append(finished).append('/').append(total);
    for (String s : STATES) {
      long n = c.path("counts").path(s).asLong();
      if (n > 0 && !s.equals("pending")) {
        out.append(" · ").append(s).append(' ').append(n);
      }
    }
    out.append(" · wave ")
        .append(c.path("currentWave").asInt())
        .append('/')
        .append(c.path("waves").asInt())
        .append(" · ")
        .append(c.path("state").asText());
    return out.toString();
  }

  /** A campaign that will not move on by itself. */
  static boolean settled(JsonNode c) {
    String state = c.path("state").asText();
    return state.equals("completed")
        || state.equals("paused")
        || (state.equals("cancelled") && c.hasNonNull("finishedAt"));
  }

  /** Polls the campaign every {@code everyMillis} until it settles; returns its last view. */
  static JsonNode watch(AdminClient client, long id, PrintStream err, long everyMillis) {
    boolean terminal = onTerminal(); // else a line per change
    String last = "";
    while (true) {
      JsonNode c = client.get("/v1/campaigns/" + id).json();
      String line = line(c);
      if (!line.equals(last)) {
        if (terminal) {
          err.print("\r" + line + "\u001b[K");
        } else {
          err.println(line);
        }
        err.flush();
        last = line;
      }
      if (settled(c)) {
        if (terminal) {
          err.println();
        }
        return c;
      }
      try {
        Thread.sleep(everyMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return c;
      }
    }
  }

  /**
   * Whether the CLI runs on a terminal: {@code Console.isTerminal()} where the JDK has it (22 and
   * later, where a console exists even when redirected), else whether there is a console at all.
   */
  private static boolean onTerminal() {
    var console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true; // JDK 21: a console exists only on a terminal
    }
  }

  /** The summary: the bar, why a campaign paused, and each station that did not accept. */
  static String summary(JsonNode c, JsonNode unhappy) {
    long notAccepted =
        c.path("counts").path("rejected").asLong() + c.path("counts").path("failed").asLong();
    var out = new StringBuilder(line(c)).append('\n');
    out.append(c.path("kind").asText())
        .append(" over ")
        .append(c.path("total").asLong())
        .append(" station(s), started by ")
        .append(c.path("createdBy").asText())
        .append(" at ")
        .append(c.path("createdAt").asText())
        .append('\n');
    if (c.hasNonNull("pausedReason")) {
      out.append("paused: ").append(c.path("pausedReason").asText()).append('\n');
    }
    if (unhappy != null && unhappy.size() > 0) {
      List<List<String>> rows = new java.util.ArrayList<>();
      rows.add(List.of("STATION", "STATE", "REASON"));
      for (JsonNode t : unhappy) {
        rows.add(
            List.of(
                t.path("stationId").asText(),
                t.path("state").asText(),
                t.path("reason").asText("-")));
      }
      out.append(Text.table(rows));
      if (unhappy.size() < notAccepted) {
        out.append("(")
            .append(unhappy.size())
            .append(" of ")
            .append(notAccepted)
            .append(" shown; the API lists all: GET /v1/campaigns/{id}/stations?state=failed)\n");
      }
    }
    return out.toString();
  }
}
