package dev.pncpki.bridge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * A station's logs: {@code station-log ID} asks for its security log (GetLog; {@code --type
 * DiagnosticsLog} for the other), uploaded to the bridge; {@code --follow S} shows its progress
 * (LogStatusNotification) for up to S seconds and {@code --output FILE} saves the file once it
 * came. {@code logs ID} lists a station's log requests. Exit: 0 uploaded (or, not following,
 * accepted), 3 refused or failed by the station, 4 not done yet.
 */
public final class LogCommand extends AdminVerb {
  private final boolean ask;

  private LogCommand(String name, String description, boolean ask) {
    super(name, description);
    this.ask = ask;
  }

  public static List<LogCommand> all() {
    return List.of(
        new LogCommand("station-log", "fetch a station's security log (GetLog)", true),
        new LogCommand("logs", "list a station's log requests and their progress", false));
  }

  @Override
  void addArguments(Subparser parser) {
    parser.addArgument("id").help("charging station id");
    if (!ask) {
      return;
    }
    parser.addArgument("--type").choices("SecurityLog", "DiagnosticsLog").setDefault("SecurityLog");
    parser.addArgument("--since").help("oldest entry, ISO 8601 (e.g. 2026-12-01T00:00:00Z)");
    parser.addArgument("--until").help("latest entry, ISO 8601");
    parser.addArgument("--remote-location").help("upload target (default: the bridge itself)");
    parser
        .addArgument("--follow")
        .type(Integer.class)
        .setDefault(0)
        .help("seconds to follow the upload's progress (0: do not)");
    parser.addArgument("--output").help("save the uploaded file here (with --follow)");
    waitArgument(parser);
  }

  @Override
  AdminClient.Reply call(Namespace ns, AdminClient client) {
    String path = "/v1/stations/" + AdminClient.encode(ns.getString("id")) + "/logs";
    if (!ask) {
      return client.get(path);
    }
    ObjectNode body = AdminClient.JSON.createObjectNode().put("logType", ns.getString("type"));
    Optional.ofNullable(ns.getString("since")).ifPresent(v -> body.put("oldestTimestamp", v));
    Optional.ofNullable(ns.getString("until")).ifPresent(v -> body.put("latestTimestamp", v));
    Optional.ofNullable(ns.getString("remote_location"))
        .ifPresent(v -> body.put("remoteLocation", v));
    AdminClient.Reply asked = client.post(path + "?wait=" + ns.getInt("wait"), body);
    int follow = ns.getInt("follow");
    if (follow <= 0 || !asked.json().path("delivery").path("state").asText().equals("answered")) {
      return asked;
    }
    return follow(client, ns, asked.json().path("requestId").asInt(), follow);
  }

  /** Polls the request until it is finished or {@code seconds} passed; saves the file if asked. */
  private static AdminClient.Reply follow(AdminClient client, Namespace ns, int id, int seconds) {
    PrintStream err = System.err;
    AdminClient.Reply last = client.get("/v1/logs/" + id);
    int shown = 0;
    for (int i = 0; i < seconds * 2 && !last.json().path("finished").asBoolean(); i++) {
      shown = progress(err, last.json(), shown);
      sleep();
      last = client.get("/v1/logs/" + id);
    }
    progress(err, last.json(), shown);
    if (ns.getString("output") != null && last.json().has("upload")) {
      try {
        Files.write(
            Path.of(ns.getString("output")), client.download("/v1/logs/" + id + "/content"));
      } catch (IOException e) {
        throw new AdminClient.CliFailure("cannot write " + ns.getString("output") + ": " + e);
      }
    }
    return last;
  }

  private static int progress(PrintStream out, JsonNode request, int shown) {
    JsonNode history = request.path("history");
    for (int i = shown; i < history.size(); i++) {
      out.println(
          "  " + history.get(i).path("at").asText() + " " + history.get(i).path("status").asText());
    }
    return history.size();
  }

  private static void sleep() {
    try {
      Thread.sleep(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  Optional<AdminClient.CliFailure> outcome(AdminClient.Reply reply) {
    if (!ask) {
      return Optional.empty();
    }
    JsonNode r = reply.json();
    if (r.has("delivery")) { // not followed: the station's answer to GetLog decides
      return Deliveries.outcome(r.path("delivery"));
    }
    String status = r.path("status").asText();
    if (status.equals("Uploaded")) {
      return Optional.empty();
    }
    return Optional.of(
        r.path("finished").asBoolean()
            ? new AdminClient.CliFailure(Exit.STATION_REFUSED, "the station reported " + status)
            : new AdminClient.CliFailure(
                Exit.PENDING,
                "not uploaded yet ("
                    + status
                    + "); follow it with: logs "
                    + r.path("stationId").asText()));
  }

  @Override
  String describe(Namespace ns, AdminClient.Reply reply) {
    if (!ask) {
      List<List<String>> rows = new ArrayList<>();
      rows.add(List.of("REQUEST", "TYPE", "STATUS", "FILE", "SIZE", "UPDATED"));
      for (JsonNode r : reply.json()) {
        rows.add(row(r));
      }
      return Text.table(rows);
    }
    JsonNode r = reply.json();
    return "log request "
        + r.path("requestId").asInt()
        + " ("
        + r.path("logType").asText()
        + "): "
        + r.path("status").asText()
        + (r.has("upload")
            ? ", " + r.path("upload").path("size").asLong() + " bytes at the bridge"
            : "")
        + (ns.getString("output") != null && r.has("upload")
            ? ", saved to " + ns.getString("output")
            : "")
        + "\n";
  }

  private static List<String> row(JsonNode r) {
    return List.of(
        r.path("requestId").asText(),
        r.path("logType").asText(),
        r.path("status").asText(),
        r.path("filename").asText("-"),
        r.has("upload") ? r.path("upload").path("size").asText() : "-",
        r.path("updatedAt").asText());
  }
}
