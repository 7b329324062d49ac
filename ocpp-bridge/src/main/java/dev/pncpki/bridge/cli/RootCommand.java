package dev.pncpki.bridge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pncpki.bridge.certificates.CertificateHashData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * The trust anchors of one station: {@code roots ID} asks it which it holds
 * (GetInstalledCertificateIds), {@code install-root ID --type T --file root.pem} installs one
 * (InstallCertificate), {@code delete-root ID --file root.pem} deletes one (DeleteCertificate, with
 * the certificateHashData computed from the file).
 */
public final class RootCommand extends AdminVerb {
  private enum Kind {
    LIST,
    INSTALL,
    DELETE
  }

  private final Kind kind;

  private RootCommand(String name, String description, Kind kind) {
    super(name, description);
    this.kind = kind;
  }

  public static RootCommand list() {
    return new RootCommand("roots", "ask a station which certificates it has installed", Kind.LIST);
  }

  public static RootCommand install() {
    return new RootCommand("install-root", "install a root certificate on a station", Kind.INSTALL);
  }

  public static RootCommand delete() {
    return new RootCommand("delete-root", "delete a root certificate from a station", Kind.DELETE);
  }

  @Override
  void addArguments(Subparser parser) {
    parser.addArgument("id").help("charging station id");
    if (kind != Kind.DELETE) {
      parser
          .addArgument("--type")
          .required(kind == Kind.INSTALL)
          .help(
              "V2GRootCertificate, MORootCertificate, CSMSRootCertificate,"
                  + " ManufacturerRootCertificate (OCPP 2.0.1 names; 1.6 is mapped)");
    }
    if (kind != Kind.LIST) {
      parser.addArgument("--file").required(true).help("the certificate, PEM");
    }
    if (kind == Kind.DELETE) {
      parser.addArgument("--issuer").help("its issuer's certificate, PEM (default: self-signed)");
      parser
          .addArgument("--pnc")
          .action(net.sourceforge.argparse4j.impl.Arguments.storeTrue())
          .help("OCPP 1.6: delete through Plug & Charge DataTransfer");
    }
    waitArgument(parser);
  }

  @Override
  AdminClient.Reply call(Namespace ns, AdminClient client) {
    String station = "/v1/stations/" + ns.getString("id");
    String wait = "wait=" + ns.getInt("wait");
    return switch (kind) {
      case LIST ->
          client.post(
              station
                  + "/certificate-ids?"
                  + wait
                  + (ns.getString("type") == null
                      ? ""
                      : "&certificateType=" + ns.getString("type")),
              null);
      case INSTALL -> {
        ObjectNode body = AdminClient.JSON.createObjectNode();
        body.put("certificateType", ns.getString("type"));
        body.put("certificate", read(ns.getString("file")));
        yield client.post(station + "/certificates?" + wait, body);
      }
      case DELETE -> {
        X509Certificate cert = certificate(ns.getString("file"));
        X509Certificate issuer =
            ns.getString("issuer") == null ? cert : certificate(ns.getString("issuer"));
        yield client.post(
            station
                + "/certificates/delete?"
                + wait
                + (Boolean.TRUE.equals(ns.getBoolean("pnc")) ? "&via=iso15118pnc" : ""),
            CertificateHashData.of(cert, issuer));
      }
    };
  }

  @Override
  String describe(Namespace namespace, AdminClient.Reply reply) {
    String text = Text.delivery(reply.json());
    JsonNode answer = reply.json().path("answer");
    if (kind == Kind.LIST && answer.path("status").asText().equals("Accepted")) {
      return text + Text.installed(answer);
    }
    return text;
  }

  static String read(String file) {
    try {
      return Files.readString(Path.of(file));
    } catch (IOException e) {
      throw new AdminClient.CliFailure("cannot read " + file + ": " + e.getMessage());
    }
  }

  static X509Certificate certificate(String file) {
    try (InputStream in = Files.newInputStream(Path.of(file))) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    } catch (IOException | CertificateException e) {
      throw new AdminClient.CliFailure(file + " is not a PEM certificate: " + e.getMessage());
    }
  }
}
