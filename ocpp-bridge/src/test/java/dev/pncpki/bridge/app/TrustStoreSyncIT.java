package dev.pncpki.bridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pncpki.ca.testing.Openssl;
import dev.pncpki.ca.testing.OpensslRootOperator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stations whose trust stores differ from policy end with what policy says. The CA trusts its own
 * V2G and MO roots and, pooled, a V2G root and an MO root made with the openssl command line; the
 * bridge enforces V2G and MO roots of ISO 15118-2. A 2.0.1 station (Python ocpp) holds a V2G root
 * nobody trusts any more and one of the wanted MO roots; a 1.6 station holds nothing (its roots go
 * through the Plug &amp; Charge DataTransfer). Both end with exactly the four wanted roots, as
 * their own GetInstalledCertificateIds answers say (a 2.1 station also with the OEM root, which
 * only OCPP 2.1 has a type for), and the fleet view shows them in sync; while one differed it said
 * why.
 */
class TrustStoreSyncIT {
  @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.NEVER)
  Path dir;

  @Test
  void stationsEndWithTheRootsPolicyWants() throws Exception {
    var v2g =
        OpensslRootOperator.create(
            dir.resolve("v2g-operator"), "/CN=Ext V2G Root/O=Ext Root Operator/C=DE", "prime256v1");
    var mo =
        OpensslRootOperator.create(
            dir.resolve("mo-operator"), "/CN=Other MO Root/O=Other MO/C=DE", "prime256v1");
    var distrusted =
        OpensslRootOperator.create(
            dir.resolve("gone"), "/CN=Distrusted V2G Root/O=Gone/C=DE", "prime256v1");
    try (var peers =
        new Peers(
            dir,
            false,
            null,
            "trustStore: {mode: enforce, checkIntervalSeconds: 10,"
                + " types: [V2GRootCertificate, MORootCertificate, OEMRootCertificate]}\n"
                + "alerts: {checkIntervalSeconds: 1}",
            List.of("CS-REFUSES", "CS-V21"))) {
      peers.poolRoot(v2g.root, "V2G");
      peers.poolRoot(mo.root, "MO");
      Path ownV2g = Files.writeString(dir.resolve("own-v2g.pem"), chain(peers, "v2g-root"));
      Path ownMo = Files.writeString(dir.resolve("own-mo.pem"), chain(peers, "mo-root"));
      Map<String, String> wanted = new TreeMap<>();
      for (Path root : List.of(v2g.root, ownV2g)) {
        wanted.put(serial(root), "V2GRootCertificate");
      }
      for (Path root : List.of(mo.root, ownMo)) {
        wanted.put(serial(root), "MORootCertificate");
      }

      Path held = dir.resolve("held.json");
      Files.writeString(
          held,
          Peers.JSON.writeValueAsString(
              List.of(
                  Map.of(
                      "certificateType",
                      "V2GRootCertificate",
                      "certificate",
                      Files.readString(distrusted.root)),
                  Map.of(
                      "certificateType",
                      "MORootCertificate",
                      "certificate",
                      Files.readString(mo.root)))));
      var ocpp201 =
          peers.startStation(
              peers.url(), Map.of("CHARGER_INSTALLED", held.toString()), "CS-0001", "ocpp2.0.1");
      var ocpp16 = peers.startStation("CS-0002", "ocpp1.6");
      // an OCPP 2.1 station also holds the OEM root (for ISO 15118-20 mutual TLS)
      var ocpp21 = peers.startStation("CS-V21", "ocpp2.1");
      Path ownOem = Files.writeString(dir.resolve("own-oem.pem"), chain(peers, "oem-root"));
      // a station whose certificate store refuses every install: it keeps differing
      var refuses =
          peers.startStation(
              peers.url(),
              Map.of("CHARGER_INSTALLED", held.toString(), "CHARGER_INSTALL_ERROR", "1"),
              "CS-REFUSES",
              "ocpp2.0.1");
      BridgeAdmin admin = peers.admin();

      JsonNode synced =
          admin.await(
              "/v1/fleet/trust-stores",
              t ->
                  find(t, "CS-0001").path("state").asText().equals("in-sync")
                      && find(t, "CS-0002").path("state").asText().equals("in-sync")
                      && find(t, "CS-V21").path("state").asText().equals("in-sync")
                      && find(t, "CS-REFUSES").path("state").asText().equals("differs")
                      && !find(t, "CS-REFUSES").path("detail").asText().contains("not in policy"),
              120);
      JsonNode differing = find(synced, "CS-REFUSES");
      assertThat(differing.path("state").asText()).isEqualTo("differs");
      assertThat(differing.path("detail").asText())
          .contains("missing V2GRootCertificate")
          .doesNotContain("not in policy") // its distrusted root was deleted; installs fail
          .contains("missing MORootCertificate");
      JsonNode alerts =
          admin.await(
              "/v1/fleet/health",
              h -> h.path("alerts").toString().contains("trust-store:CS-REFUSES"),
              60);
      assertThat(alerts.path("alerts").toString())
          .contains("trust-store-differs")
          .doesNotContain("trust-store:CS-0001");
      assertThat(
              admin
                  .get("/v1/fleet/trust-stores?differing=true")
                  .path("stations")
                  .findValuesAsText("stationId"))
          .containsExactly("CS-REFUSES");

      JsonNode a = ocpp201.finish();
      JsonNode b = ocpp16.finish();
      assertThat(types(a)).as("2.0.1 station: " + a).isEqualTo(wanted);
      assertThat(types(b)).as("1.6 station: " + b).isEqualTo(wanted);
      assertThat(a.path("deleteCalls").asInt()).as("the distrusted root deleted").isEqualTo(1);
      assertThat(a.path("installCalls").asInt()).as("three roots installed").isEqualTo(3);
      assertThat(b.path("installCalls").asInt()).isEqualTo(4);
      JsonNode d = ocpp21.finish();
      Map<String, String> wanted21 = new TreeMap<>(wanted);
      wanted21.put(serial(ownOem), "OEMRootCertificate");
      assertThat(types(d)).as("2.1 station: " + d).isEqualTo(wanted21);
      assertThat(types(a)).as("no OEM root on 2.0.1").doesNotContainValue("OEMRootCertificate");
      JsonNode c = refuses.finish();
      assertThat(c.path("installCalls").asInt()).as(c.toString()).isGreaterThanOrEqualTo(3);
      assertThat(c.path("deleteCalls").asInt()).as("its distrusted root went").isEqualTo(1);
    }
  }

  private static JsonNode find(JsonNode trustStores, String station) {
    for (JsonNode s : trustStores.path("stations")) {
      if (s.path("stationId").asText().equals(station)) {
        return s;
      }
    }
    return Peers.JSON.createObjectNode();
  }

  private static Map<String, String> types(JsonNode result) {
    Map<String, String> out = new TreeMap<>();
    result
        .path("installedTypes")
        .properties()
        .forEach(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }

  /** The serial as the Python station keys it: lower-case hex without leading zeros. */
  private static String serial(Path pem) {
    String out = Openssl.run("x509", "-in", pem.toString(), "-noout", "-serial").output().strip();
    return new java.math.BigInteger(out.substring(out.indexOf('=') + 1), 16).toString(16);
  }

  private static String chain(Peers peers, String ca) throws Exception {
    var response = peers.caAdmin("GET", "/v1/cas/" + ca + "/chain", null);
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }
}
