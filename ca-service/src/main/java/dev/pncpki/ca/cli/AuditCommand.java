package dev.pncpki.ca.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.pncpki.ca.api.AuditEventJson;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code audit [--actor A] [--action X] [--outcome O] [--since T] [--until T] [--limit N] [--before
 * ID]}: the audit log, newest first; a full page says how to ask for the one before it.
 */
final class AuditCommand extends ServiceCommand {
  private static final int DEFAULT_LIMIT = 100;

  AuditCommand() {
    super("audit", "Read the audit log, newest first, with filters", true);
  }

  @Override
  void addArguments(Subparser parser) {
    parser.addArgument("--actor").help("who acted: token name or certificate subject, exactly");
    parser.addArgument("--action").help("e.g. issue, revoke, trust-anchor-add, refused");
    parser.addArgument("--outcome").help("e.g. issued, revoked, done, failed, forbidden");
    parser.addArgument("--since").help("at or after this instant or date (UTC)");
    parser.addArgument("--until").help("before this instant or date (UTC)");
    parser
        .addArgument("--limit")
        .type(Integer.class)
        .choices(Arguments.range(1, 1000))
        .setDefault(DEFAULT_LIMIT)
        .help("at most this many");
    parser
        .addArgument("--before")
        .type(Long.class)
        .metavar("ID")
        .help("only events older than this event id (the last ID of the previous page)");
  }

  @Override
  ServiceClient.Reply call(Namespace namespace, ServiceClient client) {
    return client.get(ServiceClient.withQuery("/v1/audit/events", query(namespace)));
  }

  static Map<String, Object> query(Namespace namespace) {
    Instant since = time(namespace, "since");
    Instant until = time(namespace, "until");
    if (since != null && until != null && since.isAfter(until)) {
      throw new CliFailure("--since " + since + " is after --until " + until);
    }
    Map<String, Object> query = new LinkedHashMap<>();
    query.put("actor", namespace.getString("actor"));
    query.put("action", namespace.getString("action"));
    query.put("outcome", namespace.getString("outcome"));
    query.put("since", since);
    query.put("until", until);
    query.put("limit", namespace.getInt("limit"));
    query.put("before", namespace.getLong("before"));
    return query;
  }

  private static Instant time(Namespace namespace, String option) {
    String value = namespace.getString(option);
    return value == null ? null : Instants.parse("--" + option, value);
  }

  @Override
  String describe(Namespace namespace, ServiceClient.Reply reply) {
    List<AuditEventJson> events =
        ServiceClient.JSON.convertValue(reply.json(), new TypeReference<>() {});
    if (events.isEmpty()) {
      return "no audit event matches\n";
    }
    Table t = Table.withHeader("ID", "AT", "ACTOR", "ACTION", "TARGET", "OUTCOME", "DETAIL");
    events.forEach(
        e -> t.row(e.id(), e.at(), e.actor(), e.action(), e.target(), e.outcome(), e.detail()));
    String table = t.render();
    Integer limit = namespace.getInt("limit");
    return limit == null || events.size() < limit
        ? table
        : table + "(older events: --before " + events.get(events.size() - 1).id() + ")\n";
  }
}
