package dev.pncpki.ca.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code roots [--type V2G] [--expiring-within-days N]}: the root certificate pool; with a window,
 * only the roots that expire within it or have expired (the CA's {@code root-pool} health check
 * names them too).
 */
final class RootsCommand extends ServiceCommand {
  private final Clock clock;

  RootsCommand(Clock clock) {
    super("roots", "List the root certificate pool, or the roots that expire soon", true);
    this.clock = clock;
  }

  @Override
  void addArguments(Subparser parser) {
    parser
        .addArgument("--type")
        .help("only roots of this type (V2G, MO, OEM, PE, CSMS, MANUFACTURER)");
    parser
        .addArgument("--expiring-within-days")
        .type(Integer.class)
        .metavar("N")
        .help("only roots that expire within N days or have expired");
  }

  @Override
  ServiceClient.Reply call(Namespace namespace, ServiceClient client) {
    String type = namespace.getString("type");
    var query = new java.util.LinkedHashMap<String, Object>();
    query.put("rootType", type);
    query.put("includeOcpp", type == null ? "true" : null);
    return client.get(ServiceClient.withQuery("/v1/root/rootCerts", query));
  }

  @Override
  String describe(Namespace namespace, ServiceClient.Reply reply) {
    return RootText.roots(selected(namespace, reply));
  }

  private List<JsonNode> selected(Namespace namespace, ServiceClient.Reply reply) {
    Integer days = namespace.getInt("expiring_within_days");
    List<JsonNode> out = new ArrayList<>();
    Instant limit = days == null ? null : clock.instant().plus(Duration.ofDays(days));
    for (JsonNode r : reply.json().path("RootCertificateCollection").path("rootCertificates")) {
      if (limit == null || Instant.parse(r.path("validTo").asText()).isBefore(limit)) {
        out.add(r);
      }
    }
    return out;
  }
}
