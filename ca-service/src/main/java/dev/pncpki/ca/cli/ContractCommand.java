package dev.pncpki.ca.cli;

import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/** {@code contract EMAID PCID}: the newest contract of an eMAID for a vehicle. */
final class ContractCommand extends ServiceCommand {

  ContractCommand() {
    super("contract", "Show the newest contract of an eMAID for a PCID", true);
  }

  @Override
  void addArguments(Subparser parser) {
    parser.addArgument("emaid").metavar("EMAID");
    parser.addArgument("pcid").metavar("PCID");
  }

  @Override
  ServiceClient.Reply call(Namespace namespace, ServiceClient client) {
    return client.get(path(namespace));
  }

  /** {@code /v1/contracts/{emaid}/{pcid}}, shared with contract-revoke. */
  static String path(Namespace namespace) {
    return "/v1/contracts/"
        + ServiceClient.encode(namespace.getString("emaid"))
        + "/"
        + ServiceClient.encode(namespace.getString("pcid"));
  }

  @Override
  String describe(Namespace namespace, ServiceClient.Reply reply) {
    return ContractText.one(reply.json());
  }
}
