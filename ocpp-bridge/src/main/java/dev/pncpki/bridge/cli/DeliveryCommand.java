package dev.pncpki.bridge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code delivery N} shows how far one outbox delivery got; {@code events [--station ID]} lists
 * security events (refused connections and CSRs, floods, SecurityEventNotification).
 */
public final class DeliveryCommand extends AdminVerb {
  private final boolean events;

  private DeliveryCommand(String name, String description, boolean events) {
    super(name, description);
    this.events = events;
  }

  public static DeliveryCommand delivery() {
    return new DeliveryCommand("delivery", "show one delivery to a station", false);
  }

  public static DeliveryCommand events() {
    return new DeliveryCommand("events", "list security events, newest first", true);
  }

  @Override
  void addArguments(Subparser parser) {
    if (events) {
      parser.addArgument("--station").help("only this station's");
      parser.addArgument("--limit").type(Integer.class).setDefault(50).help("at most (1-1000)");
    } else {
      parser.addArgument("id").type(Long.class).help("delivery number");
    }
  }

  @Override
  AdminClient.Reply call(Namespace ns, AdminClient client) {
    if (!events) {
      return client.get("/v1/deliveries/" + ns.getLong("id"));
    }
    String station = ns.getString("station");
    return client.get(
        "/v1/security-events?limit="
            + ns.getInt("limit")
            + (station == null
                ? ""
                : "&station="
                    + java.net.URLEncoder.encode(
                        station, java.nio.charset.StandardCharsets.UTF_8)));
  }

  @Override
  String describe(Namespace namespace, AdminClient.Reply reply) {
    if (!events) {
      return Text.delivery(reply.json());
    }
    List<List<String>> rows = new ArrayList<>();
    rows.add(List.of("AT", "STATION", "SOURCE", "TYPE", "DETAIL"));
    for (JsonNode e : reply.json()) {
      rows.add(
          List.of(
              e.path("at").asText(),
              e.path("stationId").asText(),
              e.path("source").asText(),
              e.path("type").asText(),
              e.path("detail").asText()));
    }
    return Text.table(rows);
  }
}
