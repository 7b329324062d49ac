package dev.pncpki.bridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pncpki.ca.app.CaApplication;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After a Sub-CA compromise, as docs/fleet.md tells the operations centre: three stations hold V2G
 * certificates and one a charging-station certificate from CPO Sub-CA 2 (Python {@code ocpp}
 * stations, the real CA in-process); an admin revokes that Sub-CA at the CA, and the bridge raises
 * {@code ca-revoked} naming the stations, their types and the command. The ceremony adds CPO Sub-CA
 * 2B and the CA restarts. Bad campaign requests are refused and change nothing; the command from
 * the alert, run with the CLI, moves the V2G certificates, the alert then names the command for the
 * remaining type, and once that has run too every station's new certificate chains through the new
 * Sub-CA (openssl verify) and the alert is cleared.
 */
class RevokedSubCaIT {
  private static final String SECC = "DE-PNC-S-0000000000000000000000000000000%02d";
  private static final List<String> V2G_STATIONS = List.of("CS-R1", "CS-R2", "CS-R3");
  private static final String CLIENT_STATION = "CS-R4";
  private static final String NEW_SUB_CA =
      """
      certificates:
        - {id: cpo-sub-ca-2b, profile: cpo-sub-ca-2, issuer: cpo-sub-ca-1, validityDays: 700,
           subject: {commonName: PnC Demo CPO Sub-CA 2B, organization: pnc-pki demo CPO, country: DE}}
        - {id: ocsp-cpo-sub-ca-2b, profile: ocsp-signer, issuer: cpo-sub-ca-2b, validityDays: 365,
           subject: {commonName: PnC Demo OCSP CPO Sub-CA 2B, organization: pnc-pki demo CPO, country: DE}}
      """;

  @TempDir Path dir;

  @Test
  void theStationsOfARevokedSubCaAreMovedWithTheCommandTheAlertNames() throws Exception {
    try (var peers =
        new Peers(dir, false, null, "campaignPassMillis: 200\nalerts: {checkIntervalSeconds: 1}")) {
      BridgeAdmin admin = peers.admin();
      Map<String, String> secc = register(admin);
      firstCertificatesFromSubCa2(peers, admin, secc);
      assertThat(alert(admin)).as("nothing is revoked yet").isEmpty();

      var revoked =
          peers.caAdmin("POST", "/v1/cas/cpo-sub-ca-2/revoke", "{\"reason\":\"keyCompromise\"}");
      assertThat(revoked.statusCode()).as(revoked.body()).isEqualTo(200);
      JsonNode raised = awaitAlert(admin, "of 4 station(s)");
      assertThat(raised.path("severity").asText()).isEqualTo("critical");
      assertThat(raised.path("detail").asText())
          .contains("CA cpo-sub-ca-2 (CN=PnC Demo CPO Sub-CA 2,")
          .contains("(V2GCertificate 3, ChargingStationCertificate 1)")
          .endsWith(
              "move them: bin/pnc-bridge campaign-start rotate --revoked-ca cpo-sub-ca-2"
                  + " --certificate-type V2GCertificate --watch");

      addSubCaAndRestart(peers);
      badRequestsChangeNothing(admin);

      // the command the alert names, as the operator runs it, against live stations
      List<Peers.Running> v2g = new ArrayList<>();
      for (String id : V2G_STATIONS) {
        v2g.add(peers.startStation(peers.url(), Map.of(), id, "ocpp2.0.1", secc.get(id)));
      }
      awaitConnected(admin, V2G_STATIONS);
      String printed = peers.cli().ok(command(raised));
      assertThat(printed).contains("completed").contains("accepted 3");
      JsonNode first = admin.get("/v1/campaigns").get(0);
      assertThat(first.path("parameters").path("certificateType").asText())
          .isEqualTo("V2GCertificate");
      assertThat(first.path("parameters").path("revokedCa").path("id").asText())
          .isEqualTo("cpo-sub-ca-2");
      assertThat(first.path("selection").path("revokedCa").asText()).isEqualTo("cpo-sub-ca-2");
      for (Peers.Running station : v2g) {
        assertThat(station.finish().path("certificateSigned").asBoolean()).isTrue();
        opensslVerifiesUnderTheNewSubCa(peers, station.out(), "CN = DE-PNC-S-");
      }

      JsonNode rest = awaitAlert(admin, "of 1 station(s) (ChargingStationCertificate 1)");
      assertThat(rest.path("detail").asText())
          .as("the count went down and the command names what is left")
          .endsWith("--revoked-ca cpo-sub-ca-2 --watch");
      var last = peers.startStation(CLIENT_STATION, "ocpp2.0.1");
      awaitConnected(admin, List.of(CLIENT_STATION));
      assertThat(peers.cli().ok(command(rest))).contains("completed").contains("accepted 1");
      assertThat(last.finish().path("certificateSigned").asBoolean()).isTrue();
      opensslVerifiesUnderTheNewSubCa(peers, last.out(), "CN = " + CLIENT_STATION);

      admin.await("/v1/fleet/health", h -> find(h.path("alerts")).isEmpty(), 30);
      JsonNode history = admin.get("/v1/fleet/alerts");
      assertThat(find(history))
          .as("cleared once no station holds a certificate from the revoked CA")
          .hasValueSatisfying(a -> assertThat(a.path("clearedAt").isNull()).isFalse());
      assertThat(admin.get("/v1/campaigns?active=true")).isEmpty();
    }
  }

  /**
   * The stations' first certificates, all from CPO Sub-CA 2 (the only live one): a rotation of the
   * V2G ones and one of the charging-station certificate, over the live stations.
   */
  private static void firstCertificatesFromSubCa2(
      Peers peers, BridgeAdmin admin, Map<String, String> secc) throws Exception {
    List<Peers.Running> running = new ArrayList<>();
    for (String id : V2G_STATIONS) {
      running.add(peers.startStation(peers.url(), Map.of(), id, "ocpp2.0.1", secc.get(id)));
    }
    running.add(peers.startStation(CLIENT_STATION, "ocpp2.0.1"));
    List<String> all = new ArrayList<>(V2G_STATIONS);
    all.add(CLIENT_STATION);
    awaitConnected(admin, all);
    String rotate =
        "{\"kind\":\"rotate\",\"certificateType\":\"%s\",\"selection\":{\"stations\":%s}}";
    long v2g =
        admin
            .post(
                "/v1/campaigns",
                rotate.formatted("V2GCertificate", Peers.JSON.writeValueAsString(V2G_STATIONS)),
                201)
            .path("id")
            .asLong();
    long client =
        admin
            .post(
                "/v1/campaigns",
                rotate.formatted(
                    "ChargingStationCertificate",
                    Peers.JSON.writeValueAsString(List.of(CLIENT_STATION))),
                201)
            .path("id")
            .asLong();
    for (long id : List.of(v2g, client)) {
      JsonNode done =
          admin.await("/v1/campaigns/" + id, c -> c.path("state").asText().equals("completed"), 60);
      assertThat(done.path("counts").path("accepted").asInt()).as(done.toString()).isPositive();
    }
    for (Peers.Running station : running) {
      assertThat(station.finish().path("certificateSigned").asBoolean()).isTrue();
      assertThat(issuerCn(station.out())).isEqualTo("PnC Demo CPO Sub-CA 2");
    }
  }

  /** Registers the four stations (the V2G ones with their SECC IDs). */
  private static Map<String, String> register(BridgeAdmin admin) throws Exception {
    Map<String, String> secc = new LinkedHashMap<>();
    for (int i = 0; i < V2G_STATIONS.size(); i++) {
      String id = V2G_STATIONS.get(i);
      secc.put(id, SECC.formatted(11 + i));
      admin.post(
          "/v1/stations",
          "{\"id\":\"%s\",\"password\":\"%s\",\"seccIds\":[\"%s\"]}"
              .formatted(id, Peers.PASSWORD, secc.get(id)),
          201);
    }
    admin.post(
        "/v1/stations",
        "{\"id\":\"%s\",\"password\":\"%s\"}".formatted(CLIENT_STATION, Peers.PASSWORD),
        201);
    return secc;
  }

  /** Each refusal has its code, and no campaign is stored. */
  private static void badRequestsChangeNothing(BridgeAdmin admin) throws Exception {
    JsonNode before = admin.get("/v1/campaigns");
    String rotate = "{\"kind\":\"rotate\",\"selection\":{\"revokedCa\":\"%s\"}%s}";
    assertThat(refused(admin, rotate.formatted("cpo-sub-ca-9", ""), 400)).isEqualTo("unknown-ca");
    assertThat(refused(admin, rotate.formatted("cpo-sub-ca-2b", ""), 409))
        .isEqualTo("ca-not-revoked");
    assertThat(refused(admin, rotate.formatted("cpo-sub-ca-2", ""), 409))
        .isEqualTo("mixed-certificate-types");
    assertThat(
            refused(
                admin,
                rotate.formatted("cpo-sub-ca-2", ",\"certificateType\":\"V2GRootCertificate\""),
                400))
        .isEqualTo("unsupported-type");
    assertThat(
            refused(
                admin,
                "{\"kind\":\"delete-root\",\"certificateHashData\":{},"
                    + "\"selection\":{\"revokedCa\":\"cpo-sub-ca-2\"}}",
                400))
        .isEqualTo("malformed-request");
    assertThat(
            refused(
                admin,
                "{\"kind\":\"rotate\",\"selection\":{\"revokedCa\":\"cpo-sub-ca-2\",\"all\":true}}",
                400))
        .isEqualTo("malformed-request");
    assertThat(admin.get("/v1/campaigns")).as("nothing stored").isEqualTo(before);
    JsonNode dry =
        admin.post(
            "/v1/campaigns?dryRun=true",
            rotate.formatted("cpo-sub-ca-2", ",\"certificateType\":\"V2GCertificate\""),
            200);
    assertThat(dry.path("stations"))
        .extracting(JsonNode::asText)
        .containsExactlyElementsOf(V2G_STATIONS);
    assertThat(admin.get("/v1/campaigns")).as("a dry run stores nothing").isEqualTo(before);
  }

  private static String refused(BridgeAdmin admin, String body, int status) throws Exception {
    var response = admin.send("POST", "/v1/campaigns", body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    return Peers.JSON.readTree(response.body()).path("code").asText();
  }

  /**
   * Stops the CA, runs the ceremony that adds CPO Sub-CA 2B to the hierarchy folder (operations.md,
   * "Revoking a Sub-CA", steps 3 and 4), and starts the CA again on the same port and database.
   */
  private void addSubCaAndRestart(Peers peers) throws Exception {
    peers.ca.after();
    Path plan = Files.writeString(dir.resolve("add-sub-ca.yaml"), NEW_SUB_CA);
    var out = new ByteArrayOutputStream();
    var app = new CaApplication();
    var bootstrap = new Bootstrap<>(app);
    app.initialize(bootstrap);
    var print = new PrintStream(out, true, StandardCharsets.UTF_8);
    var cli = new Cli(new JarLocation(getClass()), bootstrap, print, print);
    PrintStream console = System.out;
    System.setOut(print);
    try {
      var failure =
          cli.run("ceremony", dir.resolve("ca.yml").toString(), "--plan", plan.toString());
      assertThat(failure).as(out.toString(StandardCharsets.UTF_8)).isEmpty();
    } finally {
      System.setOut(console);
    }
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("created  cpo-sub-ca-2b");
    peers.ca.before();
    JsonNode cas = Peers.JSON.readTree(peers.caAdmin("GET", "/v1/cas", null).body());
    Map<String, String> status = new LinkedHashMap<>();
    cas.forEach(c -> status.put(c.path("id").asText(), c.path("status").asText()));
    assertThat(status)
        .containsEntry("cpo-sub-ca-2", "revoked")
        .containsEntry("cpo-sub-ca-2b", "valid");
  }

  private static void awaitConnected(BridgeAdmin admin, List<String> ids) throws Exception {
    admin.await(
        "/v1/stations",
        list -> {
          long up = 0;
          for (JsonNode s : list) {
            if (ids.contains(s.path("id").asText())
                && s.path("state").asText().equals("connected")) {
              up++;
            }
          }
          return up == ids.size();
        },
        30);
  }

  /** The CLI arguments of the command in the alert's detail (after "move them: bin/pnc-bridge"). */
  private static String[] command(JsonNode alert) {
    String detail = alert.path("detail").asText();
    String line = detail.substring(detail.indexOf("move them: ") + "move them: ".length());
    assertThat(line).startsWith("bin/pnc-bridge ");
    List<String> words = Arrays.asList(line.split(" "));
    return words.subList(1, words.size()).toArray(String[]::new);
  }

  private static JsonNode awaitAlert(BridgeAdmin admin, String detail) throws Exception {
    JsonNode health =
        admin.await(
            "/v1/fleet/health",
            h ->
                find(h.path("alerts"))
                    .filter(a -> a.path("detail").asText().contains(detail))
                    .isPresent(),
            60);
    return find(health.path("alerts")).orElseThrow();
  }

  private static Optional<JsonNode> alert(BridgeAdmin admin) throws Exception {
    return find(admin.get("/v1/fleet/health").path("alerts"));
  }

  private static Optional<JsonNode> find(JsonNode alerts) {
    for (JsonNode a : alerts) {
      if (a.path("key").asText().equals("ca-revoked:cpo-sub-ca-2")) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }

  /** The CN of the issuer of the first certificate in {@code out/chain.pem}. */
  private static String issuerCn(Path out) throws Exception {
    String issuer =
        openssl("x509", "-noout", "-issuer", "-nameopt", "multiline", "-in", leaf(out).toString());
    return issuer
        .lines()
        .filter(l -> l.strip().startsWith("commonName"))
        .findFirst()
        .orElseThrow()
        .replaceFirst(".*= ", "")
        .strip();
  }

  private static Path leaf(Path out) throws Exception {
    String chain = Files.readString(out.resolve("chain.pem"));
    int second = chain.indexOf("-----BEGIN CERTIFICATE-----", 1);
    Files.writeString(out.resolve("untrusted.pem"), chain.substring(second));
    return Files.writeString(out.resolve("leaf.pem"), chain.substring(0, second));
  }

  /**
   * The station's new certificate is issued by CPO Sub-CA 2B and verifies (openssl) against the V2G
   * root through the chain the bridge delivered, which holds no revoked CA.
   */
  private static void opensslVerifiesUnderTheNewSubCa(Peers peers, Path out, String subject)
      throws Exception {
    Path leaf = leaf(out);
    assertThat(issuerCn(out)).isEqualTo("PnC Demo CPO Sub-CA 2B");
    Path root =
        Files.writeString(
            out.resolve("root.pem"), peers.caAdmin("GET", "/v1/cas/v2g-root/chain", null).body());
    String verified =
        openssl(
            "verify",
            "-x509_strict",
            "-purpose",
            "any",
            "-CAfile",
            root.toString(),
            "-untrusted",
            out.resolve("untrusted.pem").toString(),
            leaf.toString());
    assertThat(verified).contains(leaf + ": OK");
    assertThat(openssl("x509", "-noout", "-subject", "-in", leaf.toString())).contains(subject);
  }

  private static String openssl(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String printed = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(printed).isZero();
    return printed;
  }
}
