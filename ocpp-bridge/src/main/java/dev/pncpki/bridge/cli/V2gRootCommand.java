package dev.pncpki.bridge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.MutuallyExclusiveGroup;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * {@code station-v2g-root ID [--pin SHA256 | --unpin]}: which V2G root a station's SECC
 * certificates are issued under (its pin, its current certificate's root, the fleet default), and
 * pinning one for a station whose vehicles trust another root.
 */
public final class V2gRootCommand extends AdminVerb {
  public V2gRootCommand() {
    super(
        "station-v2g-root",
        "show, pin or unpin the V2G root a station's SECC certificates are issued under");
  }

  @Override
  void addArguments(Subparser parser) {
    parser.addArgument("id").help("charging station id");
    MutuallyExclusiveGroup change = parser.addMutuallyExclusiveGroup();
    change.addArgument("--pin").metavar("SHA256").help("the root's SHA-256 fingerprint");
    change.addArgument("--unpin").action(Arguments.storeTrue()).help("drop the station's pin");
  }

  @Override
  AdminClient.Reply call(Namespace ns, AdminClient client) {
    String path = "/v1/stations/" + AdminClient.encode(ns.getString("id")) + "/v2g-root";
    if (ns.getString("pin") != null) {
      return client.put(path, AdminClient.JSON.createObjectNode().put("root", ns.getString("pin")));
    }
    if (Boolean.TRUE.equals(ns.getBoolean("unpin"))) {
      return client.delete(path);
    }
    return client.get(path);
  }

  @Override
  String describe(Namespace ns, AdminClient.Reply reply) {
    JsonNode r = reply.json();
    return "station "
        + r.path("stationId").asText()
        + ": next V2G certificate under "
        + text(r.path("next"))
        + " ("
        + r.path("source").asText()
        + ")\n  pinned:        "
        + text(r.path("pinned"))
        + "\n  current leaf:  "
        + text(r.path("currentLeaf"))
        + "\n  fleet default: "
        + text(r.path("fleetDefault"))
        + "\n";
  }

  private static String text(JsonNode value) {
    return value.isNull() || value.isMissingNode() ? "-" : value.asText();
  }
}
