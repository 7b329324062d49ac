package dev.pncpki.ca.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/** {@code publish-crl CA_ID}: signs and publishes a fresh CRL now, e.g. after a revocation. */
final class PublishCrlCommand extends ServiceCommand {

  PublishCrlCommand() {
    super("publish-crl", "Publish a new CRL for an issuing CA now", true);
  }

  @Override
  void addArguments(Subparser parser) {
    parser.addArgument("ca").metavar("CA_ID").help("issuing CA id, as listed by cas");
  }

  @Override
  ServiceClient.Reply call(Namespace namespace, ServiceClient client) {
    return client.post(
        "/v1/cas/" + ServiceClient.encode(namespace.getString("ca")) + "/crl", Map.of(), Map.of());
  }

  @Override
  String describe(Namespace namespace, ServiceClient.Reply reply) {
    JsonNode crl = reply.json();
    return Table.fields()
        .row("ca", crl.path("ca").asText(null))
        .row("crl number", crl.path("crlNumber").asText(null))
        .row("this update", crl.path("thisUpdate").asText(null))
        .row("next update", crl.path("nextUpdate").asText(null))
        .render();
  }
}
