package dev.pncpki.ca.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * {@code prov-cert-upload --file chain.pem [--namespace NS]}: puts a vehicle's provisioning
 * certificate into the pool (with an OEM tenant's credential: the service takes uploads from the
 * vehicle's OEM only). The file holds the leaf, then Sub-CA 2 if there is one, then Sub-CA 1, the
 * order of a TLS chain. A root after them (as {@code /v1/cas/{id}/chain} ends) is left out: the
 * service has it as a trust anchor and takes no root in an upload.
 */
final class ProvCertUploadCommand extends ServiceCommand {

  ProvCertUploadCommand() {
    super("prov-cert-upload", "Upload a provisioning certificate with its Sub-CAs (OEM)", true);
  }

  @Override
  void addArguments(Subparser parser) {
    parser
        .addArgument("--file")
        .required(true)
        .metavar("FILE")
        .help("PEM: provisioning certificate, [Sub-CA 2,] Sub-CA 1[, root]");
    parser
        .addArgument("--namespace")
        .help("xsdMsgDefNamespace the vehicle speaks (default: the key's ISO 15118 version)");
  }

  @Override
  ServiceClient.Reply call(Namespace namespace, ServiceClient client) {
    Path file = Path.of(namespace.getString("file"));
    return client.put("/v1/oem/provCerts", body(file, namespace.getString("namespace")));
  }

  static Map<String, String> body(Path file, String xsdNamespace) {
    List<String> pem = withoutRoot(InputFiles.certificates(file, "the chain"));
    if (pem.size() < 2 || pem.size() > 3) {
      throw new CliFailure(
          "the chain "
              + file
              + " holds "
              + pem.size()
              + " certificates; give the provisioning certificate, [Sub-CA 2,] Sub-CA 1");
    }
    Map<String, String> body = new LinkedHashMap<>();
    body.put("provisioningCertificate", pem.get(0));
    if (pem.size() == 3) {
      body.put("subCa2Certificate", pem.get(1));
    }
    body.put("subCa1Certificate", pem.get(pem.size() - 1));
    if (xsdNamespace != null) {
      body.put("xsdMsgDefNamespace", xsdNamespace);
    }
    return body;
  }

  static List<String> withoutRoot(List<String> pem) {
    return pem.size() > 1 && selfIssued(pem.get(pem.size() - 1))
        ? pem.subList(0, pem.size() - 1)
        : pem;
  }

  /** Self-issued (RFC 5280 3.2: subject and issuer the same): a root, for an OEM chain. */
  private static boolean selfIssued(String pem) {
    String base64 =
        pem.replace("-----BEGIN CERTIFICATE-----", "").replace("-----END CERTIFICATE-----", "");
    try {
      var certificate = new X509CertificateHolder(Base64.getMimeDecoder().decode(base64));
      return certificate.getSubject().equals(certificate.getIssuer());
    } catch (IOException | IllegalArgumentException e) {
      return false; // not for us to judge: the service says what is wrong with it
    }
  }

  @Override
  String describe(Namespace namespace, ServiceClient.Reply reply) {
    return PoolText.provisioning(reply.json());
  }
}
