package dev.pncpki.ca.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/** {@code trust-anchor-add --file root.pem --oem NAME}: trusts an OEM's root for its uploads. */
final class TrustAnchorAddCommand extends ServiceCommand {

  TrustAnchorAddCommand() {
    super("trust-anchor-add", "Trust an OEM root for that OEM's provisioning certificates", true);
  }

  @Override
  void addArguments(Subparser parser) {
    parser.addArgument("--file").required(true).metavar("FILE").help("the root certificate (PEM)");
    parser
        .addArgument("--oem")
        .required(true)
        .help("the OEM tenant (the name after oem:) whose root it is");
    parser.addArgument("--pki").setDefault("oem").help("the PKI it roots (default: oem)");
  }

  @Override
  ServiceClient.Reply call(Namespace namespace, ServiceClient client) {
    Path file = Path.of(namespace.getString("file"));
    List<String> pem = InputFiles.certificates(file, "the root certificate");
    if (pem.size() != 1) {
      throw new CliFailure(
          "the root certificate " + file + " holds " + pem.size() + " certificates, not one");
    }
    return client.post(
        "/v1/trust-anchors",
        Map.of(
            "pki", namespace.getString("pki"),
            "oem", namespace.getString("oem"),
            "certificate", pem.get(0)),
        Map.of());
  }

  @Override
  String describe(Namespace namespace, ServiceClient.Reply reply) {
    return PoolText.anchor(reply.json());
  }
}
