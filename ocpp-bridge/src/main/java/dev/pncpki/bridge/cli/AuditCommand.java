package dev.pncpki.bridge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code audit [--station ID] [--actor A] [--action X] [--outcome O]}: what admins did through the
 * bridge's API, newest first.
 */
public final class AuditCommand extends AdminVerb {
  public AuditCommand() {
    super("audit", "what admins did through the bridge's API, newest first");
  }

  @Override
  void addArguments(Subparser parser) {
    parser.addArgument("--station").help("only about this station");
    parser.addArgument("--actor").help("only by this admin token's name");
    parser.addArgument("--action").help("only this action, e.g. station-register");
    parser.addArgument("--outcome").help("only this outcome: done, sent, refused ...");
    parser.addArgument("--before").type(Long.class).help("only events before this id (paging)");
    parser.addArgument("--limit").type(Integer.class).setDefault(50).help("at most (1-1000)");
  }

  @Override
  AdminClient.Reply call(Namespace ns, AdminClient client) {
    StringBuilder query = new StringBuilder("?limit=").append(ns.getInt("limit"));
    for (String p : List.of("station", "actor", "action", "outcome")) {
      if (ns.getString(p) != null) {
        query.append('&').append(p).append('=').append(AdminClient.encode(ns.getString(p)));
      }
    }
    if (ns.getLong("before") != null) {
      query.append("&before=").append(ns.getLong("before"));
    }
    return client.get("/v1/audit" + query);
  }

  @Override
  String describe(Namespace ns, AdminClient.Reply reply) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("ID", "AT", "ACTOR", "ACTION", "STATION", "OUTCOME", "DETAIL"));
    for (JsonNode e : reply.json()) {
      rows.add(
          List.of(
              e.path("id").asText(),
              e.path("at").asText(),
              e.path("actor").asText(),
              e.path("action").asText(),
              e.path("stationId").asText("-"),
              e.path("outcome").asText(),
              e.path("detail").asText("")));
    }
    return Text.table(rows);
  }
}
