package dev.pncpki.ca.cli;

import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/** {@code prov-certs}: the provisioning-certificate pool (all for an admin, its own for an OEM). */
final class ProvCertsCommand extends ServiceCommand {

  ProvCertsCommand() {
    super("prov-certs", "List the vehicles' provisioning certificates in the pool", true);
  }

  @Override
  void addArguments(Subparser parser) {}

  @Override
  ServiceClient.Reply call(Namespace namespace, ServiceClient client) {
    return client.get("/v1/oem/provCerts");
  }

  @Override
  String describe(Namespace namespace, ServiceClient.Reply reply) {
    return reply.json().isEmpty()
        ? "no provisioning certificate\n"
        : PoolText.provisionings(reply.json());
  }
}
