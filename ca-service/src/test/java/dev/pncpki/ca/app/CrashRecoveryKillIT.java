package dev.pncpki.ca.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pncpki.ca.testing.Csrs;
import dev.pncpki.policies.id.Emaid;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CA process is killed (SIGKILL) while clients renew contracts and issue certificates with
 * idempotency keys; its embedded PostgreSQL is left running, as a crash leaves it. The restarted CA
 * serves at once, with nothing in flight: every request either completed, and its retry with the
 * same key returns the same certificate, or failed cleanly (409 issuance-failed); no contract stays
 * busy; no key has two certificates; the audit chain is intact.
 */
class CrashRecoveryKillIT {
  private static final int CLIENTS = 6;
  private static final int VEHICLES_PER_CLIENT = 3;
  @TempDir Path dir;

  /** One request sent before the kill and what came of it (status -1: the kill broke it). */
  private record Sent(
      String key,
      String method,
      String path,
      String token,
      Object body,
      ServiceProcess.Reply reply) {}

  @Test
  void everyRequestInFlightAtACrashIsCompletedOrFailedAndNothingStaysBusy() throws Exception {
    try (var ca = new ServiceProcess(dir)) {
      ca.start();
      List<Contract> contracts = contracts(ca);
      var sent = new ConcurrentLinkedQueue<Sent>();
      AtomicBoolean stop = new AtomicBoolean();
      ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
      List<Future<Void>> running = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        List<Contract> own =
            contracts.subList(c * VEHICLES_PER_CLIENT, (c + 1) * VEHICLES_PER_CLIENT);
        int client = c;
        running.add(clients.submit(() -> load(ca, client, own, sent, stop)));
      }
      while (sent.size() < 60) {
        Thread.sleep(20);
      }
      ca.kill();
      stop.set(true);
      clients.shutdown();
      assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
      for (var client : running) {
        client.get(); // every answer before the kill was 201
      }

      ca.start(); // the leftover PostgreSQL is stopped and started again under the new process
      Map<String, Integer> counts = new TreeMap<>(states(ca));
      assertThat(counts.getOrDefault("pending", 0))
          .as("issuances in flight after the restart")
          .isZero();
      counts.put("recovered (audited by crash-recovery)", recovered(ca));
      counts.putAll(retries(ca, sent));
      System.out.println("crash recovery counts: " + counts);
      for (Contract c : contracts) {
        notBusy(ca, c);
      }
      assertThat(counts.get("interrupted by the kill")).isPositive();
      assertThat(
              ca.send("GET", "/v1/audit/verification", ServiceProcess.ADMIN, null, null)
                  .json()
                  .path("intact")
                  .asBoolean())
          .isTrue();
    }
  }

  private record Contract(String emaid, String pcid) {}

  /** A contract for each vehicle, due for renewal at once (30 days, renewal window 60). */
  private List<Contract> contracts(ServiceProcess ca) throws Exception {
    var oem = new OemPki("Crash OEM", "secp256r1");
    var trusted =
        ca.send(
            "POST",
            "/v1/trust-anchors",
            ServiceProcess.ADMIN,
            null,
            Map.of("pki", "oem", "oem", "demo-oem", "certificate", OemPki.base64(oem.root)));
    assertThat(trusted.status()).as(trusted.body()).isEqualTo(201);
    List<Contract> out = new ArrayList<>();
    for (int i = 0; i < CLIENTS * VEHICLES_PER_CLIENT; i++) {
      var vehicle = oem.vehicle("WMI" + String.format("%014d", i));
      var uploaded =
          ca.send(
              "PUT",
              "/v1/oem/provCerts",
              ServiceProcess.OEM,
              null,
              Map.of(
                  "provisioningCertificate",
                  vehicle.base64(),
                  "subCa2Certificate",
                  OemPki.base64(oem.sub2),
                  "subCa1Certificate",
                  OemPki.base64(oem.sub1)));
      assertThat(uploaded.status()).as(uploaded.body()).isEqualTo(201);
      String emaid = Emaid.allocate("DE", "PNC", String.format("CRASH%04d", i)).value();
      var issued =
          ca.send(
              "POST",
              "/v1/contracts",
              ServiceProcess.MO,
              null,
              Map.of("pcid", vehicle.pcid(), "emaid", emaid, "validityDays", 30));
      assertThat(issued.status()).as(issued.body()).isEqualTo(201);
      out.add(new Contract(emaid, vehicle.pcid()));
    }
    return out;
  }

  /** One client: a renewal of one of its contracts, then a certificate, each with a new key. */
  private static Void load(
      ServiceProcess ca,
      int client,
      List<Contract> own,
      ConcurrentLinkedQueue<Sent> sent,
      AtomicBoolean stop)
      throws Exception {
    for (int i = 0; !stop.get(); i++) {
      Contract c = own.get(i % own.size());
      Sent renewal =
          send(
              ca,
              "renew-" + client + "-" + i,
              "POST",
              "/v1/contracts/" + c.emaid() + "/" + c.pcid() + "/update",
              ServiceProcess.MO,
              Map.of("validityDays", 30));
      sent.add(renewal);
      String csr = Csrs.p256("CN=CS-CRASH-" + client + "-" + i + ", O=Demo CPO");
      Sent issuance =
          send(
              ca,
              "cert-" + client + "-" + i,
              "POST",
              "/v1/certificates",
              ServiceProcess.ADMIN,
              Map.of("profile", "charging-station-client", "csr", csr));
      sent.add(issuance);
      if (renewal.reply().status() < 0 || issuance.reply().status() < 0) {
        return null; // the service is gone
      }
      assertThat(renewal.reply().status()).as(renewal.reply().body()).isEqualTo(201);
      assertThat(issuance.reply().status()).as(issuance.reply().body()).isEqualTo(201);
    }
    return null;
  }

  private static Sent send(
      ServiceProcess ca, String key, String method, String path, String token, Object body) {
    return new Sent(key, method, path, token, body, ca.send(method, path, token, key, body));
  }

  /**
   * Each request again with its key: an answered one gets the same certificate; one the kill broke
   * gets its certificate if it was issued, 409 issuance-failed if crash recovery failed it, or is
   * carried out now if it never reached the database. Nothing is in progress any more.
   */
  private static Map<String, Integer> retries(ServiceProcess ca, ConcurrentLinkedQueue<Sent> sent)
      throws Exception {
    Map<String, Integer> counts = new TreeMap<>();
    for (Sent s : sent) {
      var again = ca.send(s.method(), s.path(), s.token(), s.key(), s.body());
      if (s.reply().status() == 201) {
        assertThat(again.status()).as(again.body()).isEqualTo(201);
        assertThat(serial(again)).as(s.key()).isEqualTo(serial(s.reply()));
        counts.merge("completed, same certificate on retry", 1, Integer::sum);
        continue;
      }
      assertThat(s.reply().status()).as(s.reply().body()).isEqualTo(-1);
      counts.merge("interrupted by the kill", 1, Integer::sum);
      if (again.status() == 201) {
        var third = ca.send(s.method(), s.path(), s.token(), s.key(), s.body());
        assertThat(serial(third)).as(s.key()).isEqualTo(serial(again));
        counts.merge("interrupted, completed (retry gets the certificate)", 1, Integer::sum);
      } else {
        assertThat(again.status()).as(again.body()).isEqualTo(409);
        assertThat(again.code()).as(again.body()).isEqualTo("issuance-failed");
        counts.merge("interrupted, failed cleanly (409 issuance-failed)", 1, Integer::sum);
      }
    }
    return counts;
  }

  private static String serial(ServiceProcess.Reply reply) throws Exception {
    return reply.json().path("serial").asText();
  }

  /** The contract is active, can be renewed and revoked: no 409 contract-busy. */
  private static void notBusy(ServiceProcess ca, Contract c) throws Exception {
    String path = "/v1/contracts/" + c.emaid() + "/" + c.pcid();
    var shown = ca.send("GET", path, ServiceProcess.MO, null, null);
    assertThat(shown.json().path("status").asText()).as(shown.body()).isEqualTo("active");
    var renewed = ca.send("POST", path + "/update", ServiceProcess.MO, null, Map.of());
    assertThat(renewed.status()).as(renewed.body()).isEqualTo(201);
    var revoked =
        ca.send(
            "POST",
            path + "/revoke",
            ServiceProcess.MO,
            null,
            Map.of("reason", "cessationOfOperation"));
    assertThat(revoked.status()).as(revoked.body()).isEqualTo(200);
  }

  private static Map<String, Integer> states(ServiceProcess ca) throws Exception {
    Map<String, Integer> out = new TreeMap<>();
    try (var db = DriverManager.getConnection(ca.jdbcUrl());
        var rs =
            db.createStatement()
                .executeQuery("select status, count(*) from certificate group by status")) {
      while (rs.next()) {
        out.put(rs.getString(1), rs.getInt(2));
      }
    }
    return out;
  }

  private static int recovered(ServiceProcess ca) throws Exception {
    try (var db = DriverManager.getConnection(ca.jdbcUrl());
        var rs =
            db.createStatement()
                .executeQuery("select count(*) from audit_event where actor = 'crash-recovery'")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
