package dev.pncpki.ca.cli;

import dev.pncpki.ca.api.CertificateJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code issue --profile P --csr FILE [--out FILE]}: has the service sign a CSR. With {@code
 * --idempotency-key}, repeating the command after a lost answer returns the same certificate.
 */
final class IssueCommand extends ServiceCommand {

  IssueCommand() {
    super("issue", "Issue a certificate from a PEM CSR", true);
  }

  @Override
  void addArguments(Subparser parser) {
    parser.addArgument("--profile").required(true).help("certificate profile, e.g. secc-leaf");
    parser.addArgument("--csr").required(true).metavar("FILE").help("PKCS#10 request (PEM)");
    parser.addArgument("--issuer").help("issuing CA id (default: the profile's)");
    parser.addArgument("--validity-days").type(Integer.class).help("shorter than the profile's");
    parser.addArgument("--identity").help("identity the CSR must name (station id)");
    parser.addArgument("--idempotency-key").help("makes a retried issuance return the same one");
    parser.addArgument("--out").metavar("FILE").help("write certificate and chain (PEM) here");
  }

  @Override
  ServiceClient.Reply call(Namespace namespace, ServiceClient client) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("profile", namespace.getString("profile"));
    body.put("csr", InputFiles.read(Path.of(namespace.getString("csr")), "the CSR"));
    putIfSet(body, "issuer", namespace.get("issuer"));
    putIfSet(body, "validityDays", namespace.get("validity_days"));
    putIfSet(body, "identity", namespace.get("identity"));
    String key = namespace.getString("idempotency_key");
    ServiceClient.Reply reply =
        client.post(
            "/v1/certificates", body, key == null ? Map.of() : Map.of("Idempotency-Key", key));
    String out = namespace.getString("out");
    if (out != null) {
      write(Path.of(out), reply.as(CertificateJson.class));
    }
    return reply;
  }

  @Override
  String describe(Namespace namespace, ServiceClient.Reply reply) {
    CertificateJson c = reply.as(CertificateJson.class);
    Table t =
        Table.fields()
            .row("serial", c.serial())
            .row("issuer", c.issuer())
            .row("subject", c.subject())
            .row("not after", c.notAfter());
    if (namespace.getString("out") != null) {
      t.row("written", namespace.getString("out"));
    }
    return t.render();
  }

  private static void putIfSet(Map<String, Object> body, String name, Object value) {
    if (value != null) {
      body.put(name, value);
    }
  }

  /** Leaf first, then the chain up to (not including) the root, as TLS servers send it. */
  private static void write(Path file, CertificateJson c) {
    try {
      Files.writeString(file, c.certificate() + c.chain(), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new CliFailure(
          "certificate "
              + c.serial()
              + " was issued but cannot be written to "
              + file
              + " ("
              + InputFiles.why(e)
              + "); fetch it with: show "
              + c.serial()
              + " --json",
          e);
    }
  }
}
