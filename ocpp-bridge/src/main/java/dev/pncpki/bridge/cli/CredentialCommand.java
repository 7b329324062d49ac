package dev.pncpki.bridge.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import net.sourceforge.argparse4j.inf.MutuallyExclusiveGroup;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * A station's credentials: {@code station-password ID [--password P]} rotates its HTTP Basic
 * password (a strong one is made and shown once unless given; the old one works until the station
 * accepts the new), {@code station-upgrade ID --profile N} moves it to a higher security profile
 * (never lower). Both end with the station's answer: exit 0 accepted, 3 refused, 4 no answer yet.
 */
public final class CredentialCommand extends AdminVerb {
  private final boolean upgrade;

  private CredentialCommand(String name, String description, boolean upgrade) {
    super(name, description);
    this.upgrade = upgrade;
  }

  public static List<CredentialCommand> all() {
    return List.of(
        new CredentialCommand(
            "station-password",
            "rotate a station's password (SetVariables / ChangeConfiguration)",
            false),
        new CredentialCommand(
            "station-upgrade", "raise a station's security profile (OCPP 2.0.1 A05)", true));
  }

  @Override
  void addArguments(Subparser parser) {
    parser.addArgument("id").help("charging station id");
    if (!upgrade) {
      PasswordFile.addArgument(
          parser,
          "a file holding the new password, 16 to 40 characters (default: a strong one is made)");
    } else {
      parser.addArgument("--profile").type(Integer.class).choices(2, 3).required(true);
      MutuallyExclusiveGroup cert =
          parser.addMutuallyExclusiveGroup("profile 3: client certificate");
      cert.addArgument("--cert-cn").help("the CN its certificate must carry (normally the id)");
      cert.addArgument("--cert-sha256").help("the SHA-256 fingerprint of its one certificate");
      cert.addArgument("--cert-file").help("its certificate, PEM");
      parser.addArgument("--slot").type(Integer.class).help("OCPP 2.0.1 configuration slot (1)");
      parser.addArgument("--priority").help("OCPP 2.0.1 NetworkConfigurationPriority (slot,0)");
    }
    waitArgument(parser);
  }

  @Override
  AdminClient.Reply call(Namespace ns, AdminClient client) {
    String path = "/v1/stations/" + AdminClient.encode(ns.getString("id"));
    String wait = "?wait=" + ns.getInt("wait");
    ObjectNode body = AdminClient.JSON.createObjectNode();
    if (!upgrade) {
      PasswordFile.read(ns, System.in).ifPresent(p -> body.put("password", p));
      return client.post(path + "/password" + wait, body);
    }
    body.put("securityProfile", ns.getInt("profile"));
    Optional.ofNullable(ns.getInt("slot")).ifPresent(s -> body.put("configurationSlot", s));
    Optional.ofNullable(ns.getString("priority"))
        .ifPresent(p -> body.put("networkConfigurationPriority", p));
    ObjectNode cert = AdminClient.JSON.createObjectNode();
    Optional.ofNullable(ns.getString("cert_cn")).ifPresent(v -> cert.put("commonName", v));
    Optional.ofNullable(ns.getString("cert_sha256")).ifPresent(v -> cert.put("sha256", v));
    Optional.ofNullable(ns.getString("cert_file"))
        .ifPresent(f -> cert.put("certificate", RootCommand.read(f)));
    if (!cert.isEmpty()) {
      body.set("clientCertificate", cert);
    }
    return client.post(path + "/security-profile" + wait, body);
  }

  @Override
  Optional<AdminClient.CliFailure> outcome(AdminClient.Reply reply) {
    return Deliveries.outcome(reply.json());
  }

  @Override
  String describe(Namespace ns, AdminClient.Reply reply) {
    String text = Text.delivery(reply.json());
    if (reply.json().has("password")) {
      text +=
          "  new password (shown once, keep it; the bridge stores only its hash): "
              + reply.json().path("password").asText()
              + "\n";
    }
    if (upgrade) {
      text +=
          "  the station is at the new profile from its first connection at it; the old one is"
              + " refused after that\n";
    }
    return text;
  }
}
