package dev.pncpki.ca.cli;

import com.fasterxml.jackson.databind.JsonNode;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code verify-audit}: has the service walk the audit log's hash chain and check it against the
 * signed anchors of its head (see docs/operations.md, "The audit log"). Exits with 3 when the chain
 * is broken (not 1, which means the check could not be made), so a cron job or monitoring check can
 * alert on exactly that.
 */
final class VerifyAuditCommand extends ServiceCommand {

  VerifyAuditCommand() {
    super("verify-audit", "Verify the audit log's hash chain (exit status 3 if broken)", true);
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
    JsonNode anchor = v.path("latestAnchor");
    if (anchor.isObject()) {
      t.row("anchored up to event", anchor.path("eventId").asLong())
          .row("anchor signed at", anchor.path("signedAt").asText())
          .row("anchor key", anchor.path("key").asText());
    } else {
      t.row("anchored up to event", "none yet");
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
      throw new CliFailure(
          "audit log broken: " + v.path("firstProblem").asText("no detail given"),
          ExitCode.CHECK_FAILED);
    }
  }
}
