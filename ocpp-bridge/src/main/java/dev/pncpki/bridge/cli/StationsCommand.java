package dev.pncpki.bridge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code stations}: every station the bridges sharing the database have seen, whether it is
 * connected (and where), and the certificates it accepted with days left; {@code station ID}: one
 * station in full, with its trust anchors, recent deliveries and security events.
 */
public final class StationsCommand extends AdminVerb {
  private final boolean one;

  private StationsCommand(String name, String description, boolean one) {
    super(name, description);
    this.one = one;
  }

  public static StationsCommand all() {
    return new StationsCommand("stations", "list stations, their certificates and expiry", false);
  }

  public static StationsCommand one() {
    return new StationsCommand(
        "station", "one station: certificates, trust anchors, deliveries, security events", true);
  }

  @Override
  void addArguments(Subparser parser) {
    if (one) {
      parser.addArgument("id").help("charging station id");
      return;
    }
    parser
        .addArgument("--state")
        .choices("connected", "disconnected", "never-connected", "disabled")
        .help("only stations in this state");
    parser.addArgument("--operator").help("only stations of this operator");
  }

  @Override
  AdminClient.Reply call(Namespace namespace, AdminClient client) {
    if (one) {
      return client.get("/v1/stations/" + AdminClient.encode(namespace.getString("id")));
    }
    StringBuilder query = new StringBuilder();
    for (String p : List.of("state", "operator")) {
      if (namespace.getString(p) != null) {
        query.append(query.isEmpty() ? '?' : '&').append(p).append('=');
        query.append(AdminClient.encode(namespace.getString(p)));
      }
    }
    return client.get("/v1/stations" + query);
  }

  @Override
  String describe(Namespace namespace, AdminClient.Reply reply) {
    if (!one) {
      List<List<String>> rows = new ArrayList<>();
      rows.add(HEADER);
      for (JsonNode s : reply.json()) {
        rows.add(row(s));
      }
      return Text.table(rows) + (rows.size() - 1) + " station(s)\n";
    }
    JsonNode s = reply.json();
    var out = new StringBuilder(Text.table(List.of(HEADER, row(s))));
    out.append("\nregistered by ")
        .append(s.path("registeredBy").asText())
        .append(" at ")
        .append(s.path("registeredAt").asText())
        .append(s.path("enabled").asBoolean() ? "" : "; DISABLED")
        .append('\n');
    if (s.has("targetSecurityProfile")) {
      out.append("security profile upgrade under way, to ")
          .append(s.path("targetSecurityProfile").asInt())
          .append('\n');
    }
    if (s.path("passwordChangePending").asBoolean()) {
      out.append("a new password was sent; the old one works until the station confirms it\n");
    }
    out.append("\ncertificates delivered:\n");
    for (JsonNode c : s.path("certificates")) {
      out.append("  ")
          .append(c.path("certificateType").asText())
          .append(" serial ")
          .append(c.path("serial").asText())
          .append(" expires ")
          .append(c.path("notAfter").asText())
          .append(" (")
          .append(c.path("daysLeft").asLong())
          .append(" days) ")
          .append(c.path("status").asText())
          .append('\n');
    }
    out.append("\ntrust anchors");
    if (s.has("trustAnchors")) {
      out.append(" (station's answer of ")
          .append(s.path("trustAnchors").path("askedAt").asText())
          .append("):\n");
      JsonNode answer = s.path("trustAnchors").path("answer");
      out.append(Text.installed(answer));
      if (!answer.path("status").asText().equals("Accepted")) {
        out.append("  ").append(answer.path("status").asText()).append('\n');
      }
    } else {
      out.append(": not asked yet (roots ").append(s.path("id").asText()).append(")\n");
    }
    out.append("\nrecent deliveries:\n");
    for (JsonNode d : s.path("deliveries")) {
      out.append("  ")
          .append(d.path("id").asLong())
          .append(' ')
          .append(d.path("action").asText())
          .append(' ')
          .append(d.path("state").asText())
          .append(d.has("answer") ? " " + d.path("answer").path("status").asText() : "")
          .append(' ')
          .append(d.path("updatedAt").asText())
          .append('\n');
    }
    out.append("\nsecurity events:\n");
    for (JsonNode e : s.path("securityEvents")) {
      out.append("  ")
          .append(e.path("at").asText())
          .append(' ')
          .append(e.path("source").asText())
          .append(' ')
          .append(e.path("type").asText())
          .append(": ")
          .append(e.path("detail").asText())
          .append('\n');
    }
    return out.toString();
  }

  private static final List<String> HEADER =
      List.of(
          "STATION", "STATE", "PROFILE", "OCPP", "OPERATOR", "MODEL", "CERTIFICATES (days left)");

  private static List<String> row(JsonNode s) {
    return List.of(
        s.path("id").asText(),
        s.path("state").asText("-"),
        s.path("securityProfile").asText("-"),
        s.path("ocppVersion").asText("-"),
        s.path("operator").asText("-"),
        s.path("model").asText("-"),
        Text.certificates(s.path("certificates")));
  }
}
