package dev.pncpki.ca.cli;

import dev.pncpki.ca.api.AffectedJson;
import java.util.LinkedHashMap;
import java.util.Map;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code ca-affected CA_ID [--status S] [--limit N] [--after CURSOR]}: the certificates whose
 * chains run through the CA (stations, SECCs, CSMS, CPS leaves, contracts with their eMAID), a page
 * at a time; a full page says how to ask for the next.
 */
final class CaAffectedCommand extends ServiceCommand {
  private static final int DEFAULT_LIMIT = 1000;

  CaAffectedCommand() {
    super("ca-affected", "List the certificates whose chains run through a CA", true);
  }

  @Override
  void addArguments(Subparser parser) {
    parser.addArgument("ca").help("the CA's id, as `cas` lists it");
    parser
        .addArgument("--status")
        .choices("valid", "revoked", "expired")
        .help("only certificates in this state (default: all)");
    parser
        .addArgument("--limit")
        .type(Integer.class)
        .choices(Arguments.range(1, 10_000))
        .setDefault(DEFAULT_LIMIT)
        .help("at most this many");
    parser
        .addArgument("--after")
        .metavar("CURSOR")
        .help("the page after this one (issuer/serial, as the previous page ends with)");
  }

  @Override
  ServiceClient.Reply call(Namespace namespace, ServiceClient client) {
    Map<String, Object> query = new LinkedHashMap<>();
    query.put("status", namespace.getString("status"));
    query.put("limit", namespace.getInt("limit"));
    query.put("after", namespace.getString("after"));
    return client.get(
        ServiceClient.withQuery(
            "/v1/cas/" + ServiceClient.encode(namespace.getString("ca")) + "/affected", query));
  }

  @Override
  String describe(Namespace namespace, ServiceClient.Reply reply) {
    AffectedJson page = reply.as(AffectedJson.class);
    StringBuilder out = new StringBuilder();
    out.append("CA ").append(page.ca()).append(": ").append(page.status());
    if (page.revokedAt() != null) {
      out.append(" since ").append(page.revokedAt()).append(" (").append(page.revocationReason());
      out.append(')');
    }
    out.append("; valid below: ");
    out.append(page.validBelow().isEmpty() ? "none" : page.validBelow().toString());
    out.append('\n');
    if (page.certificates().isEmpty()) {
      return out.append("no certificate matches\n").toString();
    }
    Table t =
        Table.withHeader(
            "ISSUER",
            "SERIAL",
            "PROFILE",
            "STATUS",
            "NOT AFTER",
            "SUBJECT CN",
            "EMAID",
            "REQUESTER");
    page.certificates()
        .forEach(
            c ->
                t.row(
                    c.issuer(),
                    c.serial(),
                    c.profile(),
                    c.status(),
                    c.notAfter(),
                    c.subjectCn(),
                    c.emaid(),
                    c.requester()));
    out.append(t.render());
    if (page.next() != null) {
      out.append("(more: --after ").append(page.next()).append(")\n");
    }
    return out.toString();
  }
}
