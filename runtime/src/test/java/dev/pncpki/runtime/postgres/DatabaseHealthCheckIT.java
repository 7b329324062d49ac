package dev.pncpki.runtime.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.health.HealthCheck;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The database health check against a real embedded PostgreSQL that is killed (SIGKILL) under it:
 * unhealthy while the server is down, healthy again once the watchdog started it again.
 */
class DatabaseHealthCheckIT {
  @TempDir Path root;

  @Test
  void unhealthyWhilePostgresIsDownAndHealthyAfter() throws Exception {
    // the watchdog looks every 20 s (and restarts at once when it finds the server gone): the
    // check right after the kill falls into the window in which the server is down, unless a look
    // happens within those few milliseconds
    var timing =
        new PostmasterWatchdog.Timing(
            Duration.ofSeconds(20),
            Duration.ofSeconds(3),
            Duration.ofSeconds(3),
            Duration.ofSeconds(60));
    try (EmbeddedDatabase db = EmbeddedDatabase.start(root.resolve("pg"), timing)) {
      var source = new PGSimpleDataSource();
      source.setURL(db.jdbcUrl());
      source.setConnectTimeout(2);
      var check = new DatabaseHealthCheck(source);
      assertThat(check.execute().isHealthy()).isTrue();

      long before = db.pid();
      new ProcessBuilder("kill", "-KILL", "" + before).start().waitFor();
      ProcessHandle.of(before).ifPresent(h -> h.onExit().join());
      HealthCheck.Result down = check.execute();
      assertThat(down.isHealthy()).isFalse();
      assertThat(down.getMessage()).contains("unreachable").doesNotContain("jdbc:");

      Instant deadline = Instant.now().plusSeconds(90);
      while (!check.execute().isHealthy() && Instant.now().isBefore(deadline)) {
        Thread.sleep(200);
      }
      assertThat(check.execute().isHealthy()).as("healthy after the restart").isTrue();
    }
  }
}
