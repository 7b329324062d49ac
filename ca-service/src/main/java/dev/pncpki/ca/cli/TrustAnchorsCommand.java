package dev.pncpki.ca.cli;

import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/** {@code trust-anchors}: the OEM roots provisioning certificates must chain to. */
final class TrustAnchorsCommand extends ServiceCommand {

  TrustAnchorsCommand() {
    super("trust-anchors", "List the trusted OEM roots", true);
  }

  @Override
  void addArguments(Subparser parser) {}

  @Override
  ServiceClient.Reply call(Namespace namespace, ServiceClient client) {
    return client.get("/v1/trust-anchors");
  }

  @Override
  String describe(Namespace namespace, ServiceClient.Reply reply) {
    return reply.json().isEmpty() ? "no trust anchor\n" : PoolText.anchors(reply.json());
  }
}
