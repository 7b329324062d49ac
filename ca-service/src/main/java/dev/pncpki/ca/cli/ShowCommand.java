package dev.pncpki.ca.cli;

import dev.pncpki.ca.api.CertificateJson;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/** {@code show SERIAL [--issuer CA]}: one certificate and its status. */
final class ShowCommand extends ServiceCommand {

  ShowCommand() {
    super("show", "Show one certificate by serial number", true);
  }

  @Override
  void addArguments(Subparser parser) {
    parser.addArgument("serial").help("serial number (hex)");
    parser.addArgument("--issuer").help("issuing CA id, when the serial exists under several");
  }

  @Override
  ServiceClient.Reply call(Namespace namespace, ServiceClient client) {
    String issuer = namespace.getString("issuer");
    return client.get(
        "/v1/certificates/"
            + ServiceClient.encode(namespace.getString("serial"))
            + (issuer == null ? "" : "?issuer=" + ServiceClient.encode(issuer)));
  }

  @Override
  String describe(Namespace namespace, ServiceClient.Reply reply) {
    return CertificateText.one(reply.as(CertificateJson.class));
  }
}
