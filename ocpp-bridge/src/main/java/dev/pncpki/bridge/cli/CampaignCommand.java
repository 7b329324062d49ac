package dev.pncpki.bridge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pncpki.bridge.ocpp.CertificateHashData;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.sourceforge.argparse4j.impl.Arguments;
import net.sourceforge.argparse4j.inf.MutuallyExclusiveGroup;
import net.sourceforge.argparse4j.inf.Namespace;
import net.sourceforge.argparse4j.inf.Subparser;

/**
 * Fleet campaigns from the command line: {@code campaign-start KIND} over a selection ({@code
 * --all}, {@code --operator}, {@code --model}, {@code --issuer}, {@code --stations}, {@code
 * --revoked-ca}), {@code campaigns}, {@code campaign ID} (with {@code --watch}: a live progress bar
 * on stderr until it completes, pauses or is cancelled, then a summary), and {@code
 * campaign-pause}, {@code campaign-resume}, {@code campaign-cancel}.
 */
public final class CampaignCommand extends AdminVerb {
  private enum Verb {
    START,
    LIST,
    SHOW,
    PAUSE,
    RESUME,
    CANCEL
  }

  private final Verb verb;
  private JsonNode unhappy; // the stations not accepted, for the summary

  private CampaignCommand(String name, String description, Verb verb) {
    super(name, description);
    this.verb = verb;
  }

  public static List<CampaignCommand> all() {
    return List.of(
        new CampaignCommand(
            "campaign-start", "start a campaign over a selection of stations", Verb.START),
        new CampaignCommand("campaigns", "list campaigns", Verb.LIST),
        new CampaignCommand("campaign", "show a campaign (--watch: follow it)", Verb.SHOW),
        new CampaignCommand("campaign-pause", "pause a campaign", Verb.PAUSE),
        new CampaignCommand("campaign-resume", "resume a paused campaign", Verb.RESUME),
        new CampaignCommand("campaign-cancel", "cancel a campaign", Verb.CANCEL));
  }

  @Override
  void addArguments(Subparser parser) {
    switch (verb) {
      case START -> start(parser);
      case LIST ->
          parser.addArgument("--active").action(Arguments.storeTrue()).help("only active ones");
      default -> parser.addArgument("id").type(Long.class).help("campaign id");
    }
    if (verb == Verb.START || verb == Verb.SHOW) {
      parser
          .addArgument("--watch")
          .action(Arguments.storeTrue())
          .help(
              "follow the campaign with a progress bar until it completes, pauses or is cancelled");
    }
  }

  private static void start(Subparser parser) {
    parser.addArgument("kind").choices("rotate", "install-root", "delete-root");
    parser
        .addArgument("--certificate-type")
        .help(
            "rotate: ChargingStationCertificate (default; with --revoked-ca: the type the CA"
                + " issued), V2GCertificate or V2G20Certificate (2.1 stations); install-root: "
                + "V2GRootCertificate, MORootCertificate, CSMSRootCertificate, "
                + "ManufacturerRootCertificate, OEMRootCertificate (2.1 stations)");
    parser.addArgument("--file").help("install-root / delete-root: the root certificate, PEM");
    parser
        .addArgument("--pnc")
        .action(Arguments.storeTrue())
        .help("delete-root on OCPP 1.6 stations: through Plug & Charge DataTransfer");
    MutuallyExclusiveGroup which = parser.addMutuallyExclusiveGroup("selection").required(true);
    which.addArgument("--all").action(Arguments.storeTrue()).help("every configured station");
    which.addArgument("--operator").help("stations whose certificate names this O");
    which.addArgument("--model").help("stations that reported this model in BootNotification");
    which.addArgument("--issuer").help("stations whose certificate this CA issued (DN or CN)");
    which.addArgument("--stations").help("a comma-separated list of station ids");
    which
        .addArgument("--revoked-ca")
        .help(
            "rotate: stations whose current certificate this revoked CA issued (its id at the CA,"
                + " e.g. cpo-sub-ca-2); the certificate type follows from their certificates");
    parser
        .addArgument("--dry-run")
        .action(Arguments.storeTrue())
        .help("check the campaign and list the stations it would take; start nothing");
    parser.addArgument("--wave-size").type(Integer.class).help("stations per wave (100)");
    parser.addArgument("--concurrency").type(Integer.class).help("stations in flight (50)");
    parser
        .addArgument("--max-failure-percent")
        .type(Integer.class)
        .help("pause when more of a wave failed (10)");
    parser
        .addArgument("--step-timeout")
        .type(Integer.class)
        .help("seconds a station may take before it fails (600)");
  }

  @Override
  AdminClient.Reply call(Namespace ns, AdminClient client) {
    AdminClient.Reply reply =
        switch (verb) {
          case START ->
              client.post(
                  "/v1/campaigns"
                      + (Boolean.TRUE.equals(ns.getBoolean("dry_run")) ? "?dryRun=true" : ""),
                  body(ns));
          case LIST ->
              client.get(
                  "/v1/campaigns"
                      + (Boolean.TRUE.equals(ns.getBoolean("active")) ? "?active=true" : ""));
          case SHOW -> client.get("/v1/campaigns/" + ns.getLong("id"));
          default ->
              client.post(
                  "/v1/campaigns/"
                      + ns.getLong("id")
                      + "/"
                      + verb.name().toLowerCase(java.util.Locale.ROOT)
                      + "?by="
                      + java.net.URLEncoder.encode(user(), java.nio.charset.StandardCharsets.UTF_8),
                  null);
        };
    if (verb == Verb.LIST || reply.json().has("stations")) { // a list, or a dry run
      return reply;
    }
    long id = reply.json().path("id").asLong();
    if (Boolean.TRUE.equals(ns.getBoolean("watch"))) {
      JsonNode last = Progress.watch(client, id, System.err, 500);
      reply = new AdminClient.Reply(200, last.toString(), last);
    }
    ArrayNode notAccepted = AdminClient.JSON.createArrayNode();
    for (String state : List.of("rejected", "failed")) {
      client
          .get("/v1/campaigns/" + id + "/stations?state=" + state + "&limit=100")
          .json()
          .forEach(notAccepted::add);
    }
    unhappy = notAccepted;
    return reply;
  }

  private static ObjectNode body(Namespace ns) {
    ObjectNode body = AdminClient.JSON.createObjectNode().put("kind", ns.getString("kind"));
    String type = ns.getString("certificate_type");
    String file = ns.getString("file");
    switch (ns.getString("kind")) {
      case "rotate" -> {
        // off a revoked CA, the bridge takes the type from the certificates the CA issued
        if (type != null || ns.getString("revoked_ca") == null) {
          body.put("certificateType", type == null ? "ChargingStationCertificate" : type);
        }
      }
      case "install-root" -> {
        body.put("certificateType", type);
        if (file == null) {
          throw new AdminClient.CliFailure("install-root needs --file");
        }
        body.put("certificate", RootCommand.read(file));
      }
      default -> {
        if (file == null) {
          throw new AdminClient.CliFailure("delete-root needs --file");
        }
        X509Certificate root = RootCommand.certificate(file);
        body.set("certificateHashData", CertificateHashData.of(root, root));
        if (Boolean.TRUE.equals(ns.getBoolean("pnc"))) {
          body.put("via", "iso15118pnc");
        }
      }
    }
    ObjectNode selection = body.putObject("selection");
    if (Boolean.TRUE.equals(ns.getBoolean("all"))) {
      selection.put("all", true);
    }
    for (String criterion : List.of("operator", "model", "issuer")) {
      if (ns.getString(criterion) != null) {
        selection.put(criterion, ns.getString(criterion));
      }
    }
    if (ns.getString("revoked_ca") != null) {
      selection.put("revokedCa", ns.getString("revoked_ca"));
    }
    if (ns.getString("stations") != null) {
      List<String> ids = new ArrayList<>();
      Arrays.stream(ns.getString("stations").split(","))
          .map(String::strip)
          .filter(s -> !s.isEmpty())
          .forEach(ids::add);
      ids.forEach(selection.putArray("stations")::add);
    }
    for (String[] p :
        new String[][] {
          {"wave_size", "waveSize"},
          {"concurrency", "concurrency"},
          {"max_failure_percent", "maxFailurePercent"},
          {"step_timeout", "stepTimeoutSeconds"}
        }) {
      if (ns.getInt(p[0]) != null) {
        body.put(p[1], ns.getInt(p[0]));
      }
    }
    body.put("requestedBy", user());
    return body;
  }

  private static String user() {
    String user = System.getProperty("user.name");
    return user == null || user.isBlank() ? "admin" : user;
  }

  @Override
  String describe(Namespace namespace, AdminClient.Reply reply) {
    if (reply.json().has("stations")) {
      var ids = new ArrayList<String>();
      var never = new java.util.HashSet<String>();
      reply.json().path("neverConnected").forEach(n -> never.add(n.asText()));
      reply
          .json()
          .path("stations")
          .forEach(
              n -> ids.add(n.asText() + (never.contains(n.asText()) ? "  (never connected)" : "")));
      String warning =
          reply.json().has("warning")
              ? "warning: " + reply.json().path("warning").asText() + "\n"
              : "";
      return warning
          + "dry run: "
          + reply.json().path("kind").asText()
          + " would take "
          + ids.size()
          + " station(s) in "
          + reply.json().path("waves").asInt()
          + " wave(s); nothing started\n"
          + String.join("\n", ids)
          + "\n";
    }
    if (verb == Verb.LIST) {
      var out = new StringBuilder();
      for (JsonNode c : reply.json()) {
        out.append(Progress.line(c)).append(" · ").append(c.path("kind").asText()).append('\n');
      }
      return out.isEmpty() ? "no campaigns\n" : out.toString();
    }
    return Progress.summary(reply.json(), unhappy);
  }
}
