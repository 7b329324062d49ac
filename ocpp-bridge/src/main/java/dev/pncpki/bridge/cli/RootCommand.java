package dev.pncpki.bridge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * (InstallCertificate), {@code delete-root ID --file root.pem} deletes one (DeleteCertificate; the
 * bridge names the certificate as the station reported it, with the station's hash algorithm).
 */
public final class RootCommand extends AdminVerb {
  private enum Kind {
    LIST,
    INSTALL,
    DELETE
  }

  private static final String TYPES =
      "V2GRootCertificate, MORootCertificate, CSMSRootCertificate, ManufacturerRootCertificate,"
          + " V2GCertificateChain, OEMRootCertificate (2.1 stations) (OCPP 2.0.1 names; 1.6 is"
          + " mapped)";
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
    if (kind == Kind.INSTALL) {
      parser.addArgument("--type").required(true).help(TYPES);
    }
    if (kind == Kind.LIST) {
      parser
          .addArgument("--type")
          .action(net.sourceforge.argparse4j.impl.Arguments.append())
          .help(TYPES + "; repeat it for several types in one request (OCPP 2.0.1); none: all");
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
    String station = "/v1/stations/" + AdminClient.encode(ns.getString("id"));
    String wait = "wait=" + ns.getInt("wait");
    return switch (kind) {
      case LIST -> {
        java.util.List<String> types = ns.getList("type");
        StringBuilder query = new StringBuilder(wait);
        if (types != null) {
          types.forEach(t -> query.append("&certificateType=").append(AdminClient.encode(t)));
        }
        yield client.post(station + "/certificate-ids?" + query, null);
      }
      case INSTALL -> {
        ObjectNode body = AdminClient.JSON.createObjectNode();
        body.put("certificateType", ns.getString("type"));
        body.put("certificate", read(ns.getString("file")));
        yield client.post(station + "/certificates?" + wait, body);
      }
      case DELETE -> {
        // the bridge names the certificate as the station reported it (its hash algorithm)
        certificate(ns.getString("file"));
        ObjectNode body =
            AdminClient.JSON.createObjectNode().put("certificate", read(ns.getString("file")));
        if (ns.getString("issuer") != null) {
          certificate(ns.getString("issuer"));
          body.put("issuerCertificate", read(ns.getString("issuer")));
        }
        yield client.post(
            station
                + "/certificates/delete?"
                + wait
                + (Boolean.TRUE.equals(ns.getBoolean("pnc")) ? "&via=iso15118pnc" : ""),
            body);
      }
    };
  }

  @Override
  java.util.Optional<AdminClient.CliFailure> outcome(AdminClient.Reply reply) {
    return Deliveries.outcome(reply.json());
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
