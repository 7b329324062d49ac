package dev.pncpki.ca.cli;

import dev.pncpki.ca.api.CaRevocationJson;
import java.util.Map;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code ca-revoke CA_ID --reason R}: revokes a Sub-CA (or OCSP signer, CPS leaf) of the hierarchy;
 * it issues nothing more, its issuer's OCSP answers revoked and its issuer's CRL lists it.
 */
final class CaRevokeCommand extends ServiceCommand {

  CaRevokeCommand() {
    super("ca-revoke", "Revoke a Sub-CA of the hierarchy (cannot be undone)", true);
  }

  @Override
  void addArguments(Subparser parser) {
    parser.addArgument("ca").help("the CA's id, as `cas` lists it");
    parser
        .addArgument("--reason")
        .required(true)
        .help("RFC 5280 reason: cACompromise, keyCompromise, superseded, ... or its code");
  }

  @Override
  ServiceClient.Reply call(Namespace namespace, ServiceClient client) {
    return client.post(
        "/v1/cas/" + ServiceClient.encode(namespace.getString("ca")) + "/revoke",
        Map.of("reason", namespace.getString("reason")),
        Map.of());
  }

  @Override
  String describe(Namespace namespace, ServiceClient.Reply reply) {
    CaRevocationJson r = reply.as(CaRevocationJson.class);
    Table t =
        Table.fields()
            .row("ca", r.ca())
            .row("issuer", r.issuer())
            .row("serial", r.serial())
            .row("revoked at", r.revokedAt())
            .row("reason", r.reason());
    if (r.validBelow().isEmpty()) {
      t.row("valid below", "none");
    }
    r.validBelow().forEach((profile, count) -> t.row("valid below", count + " " + profile));
    return t.render() + "list them: bin/pnc-ca admin ca-affected " + r.ca() + " --status valid\n";
  }
}
