package dev.pncpki.bridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pncpki.ca.testing.OpensslRootOperator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A root the CA's admin pools that ends in three weeks: the bridge, reading the pool with its own
 * CA token, raises {@code root-expiring} on its fleet health, and clears it when the root leaves
 * the pool.
 */
class RootExpiryAlertIT {

  @TempDir Path dir;

  @Test
  void aPooledRootEndingSoonIsAnAlertUntilItLeavesThePool() throws Exception {
    var operator =
        OpensslRootOperator.create(
            dir.resolve("operator"),
            "/CN=Short-Lived V2G Root/O=Ext Root Operator",
            "prime256v1",
            21);
    String pem = Files.readString(operator.root);
    String der =
        pem.replace("-----BEGIN CERTIFICATE-----", "")
            .replace("-----END CERTIFICATE-----", "")
            .replaceAll("\\s", "");
    try (var peers = new Peers(dir, false, null, "alerts: {checkIntervalSeconds: 1}")) {
      BridgeAdmin admin = peers.admin();
      var added =
          peers.caAdmin(
              "PUT",
              "/v1/root/rootCerts",
              """
              {"caCertificate": "%s", "rootType": "V2G", "fingerprint": "%s"}"""
                  .formatted(
                      Base64.getEncoder().encodeToString(Base64.getDecoder().decode(der)),
                      OpensslRootOperator.sha256(operator.root)));
      assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
      String id =
          new com.fasterxml.jackson.databind.ObjectMapper()
              .readTree(added.body())
              .path("RootResponse")
              .path("rootCertificateId")
              .asText();

      JsonNode health =
          admin.await("/v1/fleet/health", h -> find(h.path("alerts"), "root:" + id) != null, 60);
      JsonNode alert = find(health.path("alerts"), "root:" + id);
      assertThat(alert.path("kind").asText()).isEqualTo("root-expiring");
      assertThat(alert.path("severity").asText()).isEqualTo("warning");
      assertThat(alert.path("detail").asText())
          .contains("V2G root")
          .contains("Short-Lived V2G Root");

      assertThat(peers.caAdmin("DELETE", "/v1/root/rootCerts/" + id, null).statusCode())
          .isEqualTo(200);
      admin.await("/v1/fleet/health", h -> find(h.path("alerts"), "root:" + id) == null, 60);
    }
  }

  private static JsonNode find(JsonNode alerts, String key) {
    for (JsonNode a : alerts) {
      if (a.path("key").asText().equals(key)) {
        return a;
      }
    }
    return null;
  }
}
