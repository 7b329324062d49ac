package dev.pncpki.ca.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/** {@code contracts [--emaid E] [--pcid P] [--limit N]}: contracts, newest first. */
final class ContractsCommand extends ServiceCommand {
  private static final int DEFAULT_LIMIT = 100;

  ContractsCommand() {
    super("contracts", "List contracts, newest first, by eMAID or PCID", true);
  }

  @Override
  void addArguments(Subparser parser) {
    parser.addArgument("--emaid").help("only this eMAID's contracts");
    parser.addArgument("--pcid").help("only contracts for this vehicle's PCID");
    parser
        .addArgument("--limit")
        .type(Integer.class)
        .choices(Arguments.range(1, 1000))
        .setDefault(DEFAULT_LIMIT)
        .help("at most this many");
  }

  @Override
  ServiceClient.Reply call(Namespace namespace, ServiceClient client) {
    Map<String, Object> query = new LinkedHashMap<>();
    query.put("emaid", namespace.getString("emaid"));
    query.put("pcid", namespace.getString("pcid"));
    query.put("limit", namespace.getInt("limit"));
    return client.get(ServiceClient.withQuery("/v1/contracts", query));
  }

  @Override
  String describe(Namespace namespace, ServiceClient.Reply reply) {
    return reply.json().isEmpty() ? "no contract matches\n" : ContractText.many(reply.json());
  }
}
