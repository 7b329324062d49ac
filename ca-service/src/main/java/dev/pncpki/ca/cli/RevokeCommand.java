package dev.pncpki.ca.cli;

import dev.pncpki.ca.api.CertificateJson;
import java.util.LinkedHashMap;
import java.util.Map;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/** {@code revoke SERIAL --reason R [--issuer CA]}: revokes; the CRL and OCSP follow. */
final class RevokeCommand extends ServiceCommand {

  RevokeCommand() {
    super("revoke", "Revoke a certificate (cannot be undone)", true);
  }

  @Override
  void addArguments(Subparser parser) {
    parser.addArgument("serial").help("serial number (hex)");
    parser
        .addArgument("--reason")
        .required(true)
        .help("RFC 5280 reason: keyCompromise, superseded, cessationOfOperation, ... or its code");
    parser.addArgument("--issuer").help("issuing CA id, when the serial exists under several");
  }

  @Override
  ServiceClient.Reply call(Namespace namespace, ServiceClient client) {
    Map<String, String> body = new LinkedHashMap<>();
    body.put("reason", namespace.getString("reason"));
    if (namespace.getString("issuer") != null) {
      body.put("issuer", namespace.getString("issuer"));
    }
    return client.post(
        "/v1/certificates/" + ServiceClient.encode(namespace.getString("serial")) + "/revoke",
        body,
        Map.of());
  }

  @Override
  String describe(Namespace namespace, ServiceClient.Reply reply) {
    return CertificateText.one(reply.as(CertificateJson.class));
  }
}
