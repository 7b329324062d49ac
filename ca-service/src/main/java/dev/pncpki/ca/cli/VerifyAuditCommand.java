package dev.pncpki.ca.cli;

import com.fasterxml.jackson.databind.JsonNode;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code verify-audit}: has the service walk the audit log's hash chain. Exits non-zero when the
 * chain is broken, so a cron job or monitoring check can alert on it.
 */
final class VerifyAuditCommand extends ServiceCommand {

  VerifyAuditCommand() {
    super("verify-audit", "Verify the audit log's hash chain (non-zero exit if broken)", true);
  }

  @Override
  void addArguments(Subparser parser) {}

  @Override
  ServiceClient.Reply call(Namespace namespace, ServiceClient client) {
    return client.get("/v1/audit/verification");
  }

  @Override
  String describe(Namespace namespace, ServiceClient.Reply reply) {
    JsonNode v = reply.json();
    Table t =
        Table.fields()
            .row("intact", v.path("intact").asBoolean() ? "yes" : "NO")
            .row("events", v.path("events").asLong());
    if (v.hasNonNull("firstProblem")) {
      t.row("first problem", v.path("firstProblem").asText());
    }
    return t.render();
  }

  @Override
  void check(ServiceClient.Reply reply) {
    JsonNode v = reply.json();
    if (!v.path("intact").isBoolean()) {
      throw new CliFailure("the service's answer does not say whether the audit log is intact");
    }
    if (!v.path("intact").asBoolean()) {
      throw new CliFailure("audit log broken: " + v.path("firstProblem").asText("no detail given"));
    }
  }
}
