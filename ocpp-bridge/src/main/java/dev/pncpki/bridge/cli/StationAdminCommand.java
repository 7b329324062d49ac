package dev.pncpki.bridge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.MutuallyExclusiveGroup;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * The station registry, at run time, for every bridge instance at once: {@code station-add ID}
 * registers a station (a strong password is made and shown once unless one is given; profile 3
 * binds a client certificate), {@code station-disable}, {@code station-enable} and {@code
 * station-delete} bar, re-admit and remove it.
 */
public final class StationAdminCommand extends AdminVerb {
  private enum Verb {
    ADD,
    DISABLE,
    ENABLE,
    DELETE
  }

  private final Verb verb;

  private StationAdminCommand(String name, String description, Verb verb) {
    super(name, description);
    this.verb = verb;
  }

  public static List<StationAdminCommand> all() {
    return List.of(
        new StationAdminCommand(
            "station-add", "register a station (it may connect at once)", Verb.ADD),
        new StationAdminCommand(
            "station-disable",
            "refuse a station's connections (closes its current one)",
            Verb.DISABLE),
        new StationAdminCommand("station-enable", "admit a disabled station again", Verb.ENABLE),
        new StationAdminCommand(
            "station-delete",
            "remove a station from the registry (its history stays)",
            Verb.DELETE));
  }

  @Override
  void addArguments(Subparser parser) {
    parser.addArgument("id").help("charging station id");
    if (verb != Verb.ADD) {
      return;
    }
    parser
        .addArgument("--profile")
        .type(Integer.class)
        .choices(1, 2, 3)
        .setDefault(1)
        .help("OCPP security profile: 1 Basic, 2 Basic over TLS, 3 client certificate");
    PasswordFile.addArgument(
        parser,
        "profiles 1 and 2: a file holding the password, 16 to 40 characters (default: a strong"
            + " one is made, shown once)");
    MutuallyExclusiveGroup cert = parser.addMutuallyExclusiveGroup("profile 3: client certificate");
    cert.addArgument("--cert-cn").help("the CN its certificate must carry (normally the id)");
    cert.addArgument("--cert-sha256").help("the SHA-256 fingerprint of its one certificate");
    cert.addArgument("--cert-file").help("its certificate, PEM (its fingerprint is kept)");
    parser.addArgument("--operator").help("who operates it");
    parser.addArgument("--model").help("its model");
    parser
        .addArgument("--secc-id")
        .action(Arguments.append())
        .help("a SECC ID whose V2G certificate it may request (repeat for several)");
  }

  @Override
  AdminClient.Reply call(Namespace ns, AdminClient client) {
    String path = "/v1/stations/" + AdminClient.encode(ns.getString("id"));
    return switch (verb) {
      case ADD -> client.post("/v1/stations", body(ns));
      case DISABLE -> client.post(path + "/disable", null);
      case ENABLE -> client.post(path + "/enable", null);
      case DELETE -> client.delete(path);
    };
  }

  private static ObjectNode body(Namespace ns) {
    ObjectNode body = AdminClient.JSON.createObjectNode().put("id", ns.getString("id"));
    body.put("securityProfile", ns.getInt("profile"));
    putIfSet(body, "password", PasswordFile.read(ns, System.in).orElse(null));
    putIfSet(body, "operator", ns.getString("operator"));
    putIfSet(body, "model", ns.getString("model"));
    List<String> secc = ns.getList("secc_id");
    if (secc != null) {
      secc.forEach(body.putArray("seccIds")::add);
    }
    ObjectNode cert = AdminClient.JSON.createObjectNode();
    putIfSet(cert, "commonName", ns.getString("cert_cn"));
    putIfSet(cert, "sha256", ns.getString("cert_sha256"));
    if (ns.getString("cert_file") != null) {
      cert.put("certificate", RootCommand.read(ns.getString("cert_file")));
    }
    if (!cert.isEmpty()) {
      body.set("clientCertificate", cert);
    }
    return body;
  }

  private static void putIfSet(ObjectNode node, String field, String value) {
    if (value != null) {
      node.put(field, value);
    }
  }

  @Override
  String describe(Namespace ns, AdminClient.Reply reply) {
    String id = ns.getString("id");
    return switch (verb) {
      case ADD -> added(reply.json());
      case DISABLE -> "station " + id + " disabled: its connections are refused\n";
      case ENABLE -> "station " + id + " enabled\n";
      case DELETE -> "station " + id + " deleted\n";
    };
  }

  private static String added(JsonNode s) {
    StringBuilder out =
        new StringBuilder("station ")
            .append(s.path("id").asText())
            .append(" registered, security profile ")
            .append(s.path("securityProfile").asInt())
            .append("; it may connect now\n");
    if (s.has("password")) {
      out.append("password (shown once, keep it; the bridge stores only its hash): ")
          .append(s.path("password").asText())
          .append('\n');
    }
    return out.toString();
  }
}
