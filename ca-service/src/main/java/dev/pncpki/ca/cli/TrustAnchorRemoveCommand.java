package dev.pncpki.ca.cli;

import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code trust-anchor-remove ID}: stops trusting an OEM root; its stored provisioning certificates
 * can no longer get contracts.
 */
final class TrustAnchorRemoveCommand extends ServiceCommand {

  TrustAnchorRemoveCommand() {
    super("trust-anchor-remove", "Stop trusting an OEM root (by its id)", true);
  }

  @Override
  void addArguments(Subparser parser) {
    parser.addArgument("id").metavar("ID").help("SHA-256 fingerprint, as trust-anchors lists it");
  }

  @Override
  ServiceClient.Reply call(Namespace namespace, ServiceClient client) {
    return client.delete("/v1/trust-anchors/" + ServiceClient.encode(namespace.getString("id")));
  }

  @Override
  String describe(Namespace namespace, ServiceClient.Reply reply) {
    return "removed trust anchor " + Table.printable(namespace.getString("id")) + "\n";
  }
}
