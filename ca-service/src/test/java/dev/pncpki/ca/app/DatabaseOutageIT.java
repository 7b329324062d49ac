package dev.pncpki.ca.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pncpki.ca.testing.Csrs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL stops answering: requests get a quick 503 with Retry-After, and recover by themselves.
 */
class DatabaseOutageIT {

  @Test
  void aFrozenDatabaseGives503WithoutHangingAndTheServiceRecovers(@TempDir Path dir)
      throws Exception {
    try (var ca = RunningCa.withSoftwareKeys(dir)) {
      Map<String, String> body =
          Map.of(
              "profile", "charging-station-client", "csr", Csrs.p256("CN=CS-OUTAGE-1, O=Demo CPO"));
      assertThat(ca.postJson("/v1/certificates", RunningCa.ADMIN, body).status()).isEqualTo(201);

      String pid =
          Files.readAllLines(dir.resolve("postgres").resolve("postmaster.pid")).get(0).trim();
      signal("STOP", pid);
      try {
        Instant start = Instant.now();
        var reply =
            ca.issue(
                "charging-station-client",
                Csrs.p256("CN=CS-OUTAGE-2, O=Demo CPO"),
                RunningCa.ADMIN);
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofSeconds(20));
        assertThat(reply.status()).as(reply.body()).isEqualTo(503);
        assertThat(reply.json().path("code").asText()).isEqualTo("database-unavailable");
        assertThat(reply.raw().headers().firstValue("Retry-After")).isPresent();

        // a contract's first read (the vehicle, through plain JDBC) gives the same answer
        var contract =
            ca.postJson("/v1/contracts", RunningCa.MO_X, Map.of("pcid", "WMIOUTAGE00000001"));
        assertThat(contract.status()).as(contract.body()).isEqualTo(503);
        assertThat(contract.json().path("code").asText()).isEqualTo("database-unavailable");
      } finally {
        signal("CONT", pid);
      }
      var after =
          ca.issue(
              "charging-station-client", Csrs.p256("CN=CS-OUTAGE-3, O=Demo CPO"), RunningCa.ADMIN);
      assertThat(after.status()).as(after.body()).isEqualTo(201);
      // The refused request may have left a 'pending' row (its insert reached the frozen server
      // and ran when it woke); nobody received a certificate for it, and it never becomes issued.
      assertThat(
              ca.rows(
                  "select count(*) from certificate where subject_cn = 'CS-OUTAGE-2' and status = 'issued'"))
          .isZero();
      assertThat(
              ca.rows(
                  "select count(*) from certificate where status = 'pending' and subject_cn <> 'CS-OUTAGE-2'"))
          .isZero();
    }
  }

  /** Signals the postmaster and every backend it forked, so pooled connections freeze too. */
  private static void signal(String signal, String pid) throws Exception {
    var children = new ProcessBuilder("pgrep", "-P", pid).start();
    var pids =
        new ArrayList<>(new String(children.getInputStream().readAllBytes()).lines().toList());
    children.waitFor();
    pids.add(pid);
    var command = new ArrayList<>(List.of("kill", "-" + signal));
    command.addAll(pids);
    assertThat(new ProcessBuilder(command).inheritIO().start().waitFor()).isZero();
  }
}
