package dev.pncpki.ca.cli;

import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/** {@code root-remove ID}: takes a root out of the root certificate pool. */
final class RootRemoveCommand extends ServiceCommand {

  RootRemoveCommand() {
    super("root-remove", "Remove a root from the root certificate pool", true);
  }

  @Override
  void addArguments(Subparser parser) {
    parser.addArgument("id").help("the root's rootCertificateId, as roots lists it");
  }

  @Override
  ServiceClient.Reply call(Namespace namespace, ServiceClient client) {
    return client.delete("/v1/root/rootCerts/" + ServiceClient.encode(namespace.getString("id")));
  }

  @Override
  String describe(Namespace namespace, ServiceClient.Reply reply) {
    return "removed root " + namespace.getString("id") + "\n";
  }
}
