package dev.pncpki.bridge.cli;

import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code renew ID [--v2g]}: asks the station to renew its charging-station certificate (or with
 * {@code --v2g} its SECC certificate) by TriggerMessage / ExtendedTriggerMessage; the station then
 * sends a CSR and gets the new certificate with CertificateSigned.
 */
public final class RenewCommand extends AdminVerb {
  public RenewCommand() {
    super("renew", "trigger a certificate renewal on one station");
  }

  @Override
  void addArguments(Subparser parser) {
    parser.addArgument("id").help("charging station id");
    parser
        .addArgument("--v2g")
        .action(Arguments.storeTrue())
        .help("renew the V2G (SECC) certificate instead of the charging-station certificate");
    waitArgument(parser);
  }

  @Override
  AdminClient.Reply call(Namespace namespace, AdminClient client) {
    String message =
        Boolean.TRUE.equals(namespace.getBoolean("v2g"))
            ? "SignV2GCertificate"
            : "SignChargingStationCertificate";
    return client.post(
        "/v1/stations/"
            + AdminClient.encode(namespace.getString("id"))
            + "/trigger?wait="
            + namespace.getInt("wait"),
        AdminClient.JSON.createObjectNode().put("requestedMessage", message));
  }

  @Override
  java.util.Optional<AdminClient.CliFailure> outcome(AdminClient.Reply reply) {
    return Deliveries.outcome(reply.json());
  }

  @Override
  String describe(Namespace namespace, AdminClient.Reply reply) {
    String text = Text.delivery(reply.json());
    if ("Accepted".equals(reply.json().path("answer").path("status").asText())) {
      text +=
          "  the station will now send its CSR; `station "
              + namespace.getString("id")
              + "` shows the new certificate once it is accepted\n";
    }
    return text;
  }
}
