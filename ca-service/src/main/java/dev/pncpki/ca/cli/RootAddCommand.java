package dev.pncpki.ca.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code root-add --type V2G --fingerprint SHA256 --file root.pem}: pools one root; the fingerprint
 * is the one confirmed with the root's operator out of band, and the service refuses a certificate
 * whose SHA-256 is another.
 */
final class RootAddCommand extends ServiceCommand {

  RootAddCommand() {
    super("root-add", "Add a root to the root certificate pool", true);
  }

  @Override
  void addArguments(Subparser parser) {
    parser.addArgument("--file").required(true).metavar("FILE").help("the root certificate (PEM)");
    parser
        .addArgument("--type")
        .required(true)
        .help("what it anchors: V2G, MO, OEM, PE, CSMS or MANUFACTURER");
    parser
        .addArgument("--fingerprint")
        .required(true)
        .metavar("SHA256")
        .help(
            "its SHA-256 fingerprint as confirmed with the root's operator (hex, colons allowed)");
  }

  @Override
  ServiceClient.Reply call(Namespace namespace, ServiceClient client) {
    Path file = Path.of(namespace.getString("file"));
    List<String> pem = InputFiles.certificates(file, "the root certificate");
    if (pem.size() != 1) {
      throw new CliFailure(
          "the root certificate "
              + file
              + " holds "
              + pem.size()
              + " certificates, not one; use root-import for a bundle");
    }
    return client.put(
        "/v1/root/rootCerts",
        Map.of(
            "caCertificate", pem.get(0),
            "rootType", namespace.getString("type"),
            "fingerprint", namespace.getString("fingerprint")));
  }

  @Override
  String describe(Namespace namespace, ServiceClient.Reply reply) {
    return RootText.root(reply.json().path("RootResponse"));
  }
}
