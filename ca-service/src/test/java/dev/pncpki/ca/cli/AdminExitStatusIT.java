package dev.pncpki.ca.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pncpki.ca.app.EmbeddedCaForClients;
import dev.pncpki.ca.testing.FreePorts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exit status a script sees: each command runs in a JVM of its own through {@code
 * CaApplication.main}, as {@code java -jar ca-service-*-app.jar} runs it, against a real CA.
 */
class AdminExitStatusIT {
  @TempDir static Path dir;
  private static EmbeddedCaForClients ca;

  @BeforeAll
  static void start() throws Exception {
    ca = new EmbeddedCaForClients(dir);
  }

  @AfterAll
  static void stop() {
    ca.close();
  }

  record Exit(int status, String out, String err) {}

  /** Runs the application's main with {@code args}; URL and admin token come from PNC_*. */
  private static Exit main(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(List.of("-cp", System.getProperty("java.class.path")));
    command.add("dev.pncpki.ca.app.CaApplication");
    command.addAll(List.of(args));
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    var builder =
        new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
    builder.environment().put("PNC_URL", ca.url());
    builder.environment().put("PNC_TOKEN", EmbeddedCaForClients.ADMIN_TOKEN);
    Process process = builder.start();
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException("admin " + String.join(" ", args) + " did not end");
    }
    return new Exit(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void zeroWhenTheCallSucceeds() throws Exception {
    Exit cas = main("admin", "cas");
    assertThat(cas.status()).as(cas.err()).isZero();
    assertThat(cas.out()).contains("v2g-root");
  }

  @Test
  void twoWhenTheServiceRefuses() throws Exception {
    Exit show = main("admin", "show", "0badc0de");
    assertThat(show.status()).as(show.err()).isEqualTo(2);
    assertThat(show.err()).startsWith("error: not-found: ");
    Exit bridge = main("admin", "audit", "--token", EmbeddedCaForClients.BRIDGE_TOKEN);
    assertThat(bridge.status()).as(bridge.err()).isEqualTo(2);
  }

  @Test
  void oneWhenTheServiceCannotBeAskedOrTheArgumentsAreWrong() throws Exception {
    int port;
    port = FreePorts.next();
    Exit unreachable = main("admin", "cas", "--url", "http://127.0.0.1:" + port);
    assertThat(unreachable.status()).isEqualTo(1);
    assertThat(unreachable.err().strip())
        .isEqualTo("error: cannot reach http://127.0.0.1:" + port + ": Connection refused");
    assertThat(main("admin", "audit", "--limit", "0").status()).isEqualTo(1);
    assertThat(main("admin", "no-such-verb").status()).isEqualTo(1);
  }

  @Test
  void oneWhenTheCeremonyFails() throws Exception {
    Path config = dir.resolve("ceremony.yml");
    Files.writeString(
        config,
        """
        keys: {type: software, directory: "%s", password: test}
        hierarchy: {directory: "%s", ceremonyOnStart: false}
        logging: {level: WARN}
        """
            .formatted(dir.resolve("ceremony-keys"), dir.resolve("ceremony-out")));
    Exit ceremony =
        main("ceremony", config.toString(), "--plan", dir.resolve("none.yaml").toString());
    assertThat(ceremony.status()).isEqualTo(1);
    assertThat(ceremony.err()).contains("ceremony failed: ");
  }

  @Test
  void threeWhenTheAuditChainIsBroken() throws Exception {
    assertThat(main("admin", "verify-audit").status()).isZero();
    String original =
        ca.jdbi()
            .withHandle(
                h ->
                    h.createQuery("select detail from audit_event where id = 1")
                        .mapTo(String.class)
                        .one());
    setFirstAuditDetail("edited behind the service's back");
    try {
      Exit verify = main("admin", "verify-audit");
      assertThat(verify.status()).as(verify.err()).isEqualTo(3);
      assertThat(verify.out()).contains("NO");
      assertThat(verify.err()).startsWith("error: audit log broken: event 1: ");
    } finally {
      setFirstAuditDetail(original);
    }
  }

  /** An attacker with superuser rights edits a row past the append-only trigger. */
  private static void setFirstAuditDetail(String detail) {
    ca.jdbi()
        .useTransaction(
            h -> {
              h.execute("set local session_replication_role = replica");
              h.createUpdate("update audit_event set detail = :d where id = 1")
                  .bind("d", detail)
                  .execute();
            });
  }
}
