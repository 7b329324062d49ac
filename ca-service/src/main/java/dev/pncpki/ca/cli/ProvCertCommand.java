package dev.pncpki.ca.cli;

import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/** {@code prov-cert PCID}: one vehicle's provisioning certificate and how it was checked. */
final class ProvCertCommand extends ServiceCommand {

  ProvCertCommand() {
    super("prov-cert", "Show the provisioning certificate of a PCID", true);
  }

  @Override
  void addArguments(Subparser parser) {
    parser.addArgument("pcid").metavar("PCID");
  }

  @Override
  ServiceClient.Reply call(Namespace namespace, ServiceClient client) {
    return client.get("/v1/oem/provCerts/" + ServiceClient.encode(namespace.getString("pcid")));
  }

  @Override
  String describe(Namespace namespace, ServiceClient.Reply reply) {
    return PoolText.provisioning(reply.json());
  }
}
