package dev.pncpki.ca.cli;

import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/** {@code cas}: the hierarchy's certificates (public, no token needed). */
final class ListCasCommand extends ServiceCommand {

  ListCasCommand() {
    super("cas", "List the CA hierarchy: id, profile, issuer, expiry, status", false);
  }

  @Override
  void addArguments(Subparser parser) {}

  @Override
  ServiceClient.Reply call(Namespace namespace, ServiceClient client) {
    return client.get("/v1/cas");
  }

  @Override
  String describe(Namespace namespace, ServiceClient.Reply reply) {
    // read as a tree: the service's CaJson lives in the app package, which registers this CLI
    Table t = Table.withHeader("ID", "PROFILE", "ISSUER", "NOT AFTER", "STATUS");
    reply
        .json()
        .forEach(
            ca ->
                t.row(
                    ca.path("id").asText(),
                    ca.path("profile").asText(),
                    ca.path("issuer").asText(null), // roots have none
                    ca.path("notAfter").asText(),
                    ca.path("status").asText(null)));
    return t.render();
  }
}
