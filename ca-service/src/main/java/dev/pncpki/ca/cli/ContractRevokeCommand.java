package dev.pncpki.ca.cli;

import java.util.Map;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code contract-revoke EMAID PCID --reason R}: revokes the live contract; OCSP and CRL follow.
 */
final class ContractRevokeCommand extends ServiceCommand {

  ContractRevokeCommand() {
    super("contract-revoke", "Revoke the live contract of an eMAID for a PCID", true);
  }

  @Override
  void addArguments(Subparser parser) {
    parser.addArgument("emaid").metavar("EMAID");
    parser.addArgument("pcid").metavar("PCID");
    parser
        .addArgument("--reason")
        .required(true)
        .help("RFC 5280 reason: keyCompromise, superseded, cessationOfOperation, ... or its code");
  }

  @Override
  ServiceClient.Reply call(Namespace namespace, ServiceClient client) {
    return client.post(
        ContractCommand.path(namespace) + "/revoke",
        Map.of("reason", namespace.getString("reason")),
        Map.of());
  }

  @Override
  String describe(Namespace namespace, ServiceClient.Reply reply) {
    return ContractText.one(reply.json());
  }
}
