package dev.pncpki.ca.cli;

import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/** {@code prov-cert-delete PCID}: removes it from the pool; contracts issued for it stay. */
final class ProvCertDeleteCommand extends ServiceCommand {

  ProvCertDeleteCommand() {
    super("prov-cert-delete", "Delete the provisioning certificate of a PCID", true);
  }

  @Override
  void addArguments(Subparser parser) {
    parser.addArgument("pcid").metavar("PCID");
  }

  @Override
  ServiceClient.Reply call(Namespace namespace, ServiceClient client) {
    return client.delete("/v1/oem/provCerts/" + ServiceClient.encode(namespace.getString("pcid")));
  }

  @Override
  String describe(Namespace namespace, ServiceClient.Reply reply) {
    return "deleted the provisioning certificate of "
        + Table.printable(namespace.getString("pcid"))
        + "\n";
  }
}
