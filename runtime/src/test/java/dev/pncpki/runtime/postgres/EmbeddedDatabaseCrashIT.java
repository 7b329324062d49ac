package dev.pncpki.runtime.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real processes, killed as a crash kills them: a service JVM killed with SIGKILL leaves its
 * PostgreSQL running, and the next start stops that server and starts cleanly; a lock file naming a
 * process that is gone, or a process that is not this directory's server, does not block a start
 * and the other process is left alone; a directory a live service uses is refused; PostgreSQL
 * killed under a running service is started again on the same port.
 */
class EmbeddedDatabaseCrashIT {
  @TempDir Path root;
  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void stopWhatWasStarted() throws Exception {
    for (Process p : started) {
      p.getOutputStream().close(); // a child service ends with its standard input
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
      }
    }
  }

  @Test
  void aStartAfterTheServiceWasKilledStopsItsLeftoverServerAndStarts() throws Exception {
    Path data = root.resolve("pg");
    Child first = child(data);
    execute(first.url(), "CREATE TABLE kept (v text)", "INSERT INTO kept VALUES ('committed')");
    first.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS); // SIGKILL
    ProcessHandle leftover = ProcessHandle.of(first.postgresPid()).orElseThrow();
    assertThat(leftover.isAlive()).as("PostgreSQL outlives the service it was started by").isTrue();

    try (EmbeddedDatabase again = EmbeddedDatabase.start(data)) {
      assertThat(leftover.isAlive()).as("the leftover server was stopped").isFalse();
      assertThat(again.pid()).isNotEqualTo(first.postgresPid());
      assertThat(query(again.jdbcUrl(), "SELECT v FROM kept")).isEqualTo("committed");
    }
    // and a second crash, now of a child that took over after a crash, is handled the same way
    Child third = child(data);
    third.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    Child fourth = child(data);
    assertThat(ProcessHandle.of(third.postgresPid()).map(ProcessHandle::isAlive))
        .isNotEqualTo(java.util.Optional.of(true));
    assertThat(query(fourth.url(), "SELECT v FROM kept")).isEqualTo("committed");
  }

  @Test
  void aLockFileOfAServerThatIsGoneDoesNotBlockAStart() throws Exception {
    Path data = root.resolve("pg");
    Child child = child(data);
    long pid = child.postgresPid();
    child.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    kill(pid); // the server dies too (a power cut): its lock file stays
    assertThat(ProcessHandle.of(pid).orElseThrow().onExit().get(10, TimeUnit.SECONDS).isAlive())
        .isFalse();
    assertThat(data.resolve("postmaster.pid")).exists();
    try (EmbeddedDatabase again = EmbeddedDatabase.start(data)) {
      assertThat(query(again.jdbcUrl(), "SELECT 'up'")).isEqualTo("up");
    }
  }

  @Test
  void aLockFileNamingAnotherProgramOrAnotherServerNeverStopsIt() throws Exception {
    Path data = root.resolve("pg");
    EmbeddedDatabase.start(data).close(); // initialised, stopped cleanly
    Process stranger = new ProcessBuilder("sleep", "300").start();
    try {
      writeLockFile(data, stranger.pid());
      try (EmbeddedDatabase db = EmbeddedDatabase.start(data)) {
        assertThat(query(db.jdbcUrl(), "SELECT 'up'")).isEqualTo("up");
      }
      assertThat(stranger.isAlive()).as("a program whose pid a stale lock file names").isTrue();
    } finally {
      stranger.destroyForcibly();
    }

    try (EmbeddedDatabase other = EmbeddedDatabase.start(root.resolve("other"))) {
      writeLockFile(data, other.pid());
      try (EmbeddedDatabase db = EmbeddedDatabase.start(data)) {
        assertThat(query(db.jdbcUrl(), "SELECT 'up'")).isEqualTo("up");
      }
      assertThat(query(other.jdbcUrl(), "SELECT 'still serving'"))
          .as("a postgres of another data directory")
          .isEqualTo("still serving");
    }
  }

  @Test
  void aDirectoryALiveServiceUsesIsRefusedAndItsServerKeepsRunning() throws Exception {
    Path data = root.resolve("pg");
    Child running = child(data);
    assertThatThrownBy(() -> EmbeddedDatabase.start(data))
        .isInstanceOf(DataDirectoryInUseException.class)
        .hasMessageContaining("in use by another running process");
    assertThat(query(running.url(), "SELECT 'still serving'")).isEqualTo("still serving");

    try (EmbeddedDatabase mine = EmbeddedDatabase.start(root.resolve("mine"))) {
      assertThatThrownBy(() -> EmbeddedDatabase.start(root.resolve("mine")))
          .isInstanceOf(DataDirectoryInUseException.class)
          .hasMessageContaining("by this process already");
      assertThat(query(mine.jdbcUrl(), "SELECT 'still serving'")).isEqualTo("still serving");
    }
  }

  @Test
  void postgresKilledUnderARunningServiceIsStartedAgainOnTheSamePort() throws Exception {
    var timing =
        new PostmasterWatchdog.Timing(
            Duration.ofMillis(200),
            Duration.ofMillis(200),
            Duration.ofSeconds(2),
            Duration.ofSeconds(60));
    try (EmbeddedDatabase db = EmbeddedDatabase.start(root.resolve("pg"), timing)) {
      execute(db.jdbcUrl(), "CREATE TABLE kept (v text)", "INSERT INTO kept VALUES ('committed')");
      for (int round = 1; round <= 2; round++) {
        long before = db.pid();
        try (Connection open = DriverManager.getConnection(db.jdbcUrl())) {
          kill(before);
          assertThat(ProcessHandle.of(before).map(h -> h.onExit().join()).isPresent()).isTrue();
          assertThatThrownBy(() -> open.createStatement().execute("SELECT 1"))
              .as("a connection of the killed server")
              .isInstanceOf(SQLException.class);
        }
        Instant deadline = Instant.now().plusSeconds(60);
        String answer = null;
        while (answer == null && Instant.now().isBefore(deadline)) {
          try {
            answer = query(db.jdbcUrl(), "SELECT v FROM kept");
          } catch (SQLException notYet) {
            Thread.sleep(100);
          }
        }
        assertThat(answer)
            .as("round " + round + ": the same URL answers again")
            .isEqualTo("committed");
        while (db.pid() == before && Instant.now().isBefore(deadline)) {
          Thread.sleep(50); // the watchdog notes the new pid once pg_ctl returns
        }
        assertThat(db.pid()).isNotEqualTo(before);
      }
    }
    assertThat(root.resolve("pg").resolve("postmaster.pid"))
        .as("closed after a restart: the restarted server is stopped too")
        .doesNotExist();
  }

  private record Child(Process process, long postgresPid, String url) {}

  /** A service JVM running an embedded database in {@code data}, once it is ready. */
  private Child child(Path data) throws Exception {
    Path log = root.resolve("child-" + started.size() + ".log");
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                ChildService.class.getName(),
                data.toString())
            .redirectError(log.toFile())
            .start();
    started.add(p);
    var out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    while (line != null && !line.startsWith("ready ")) {
      line = out.readLine(); // what the child logged while starting
    }
    if (line == null) {
      throw new IllegalStateException("child did not start: " + line + " " + Files.readString(log));
    }
    String[] parts = line.split(" ");
    return new Child(p, Long.parseLong(parts[1]), parts[2]);
  }

  private static void writeLockFile(Path data, long pid) throws Exception {
    Files.write(data.resolve("postmaster.pid"), List.of("" + pid, data.toString(), "0", "5432"));
  }

  private static void kill(long pid) throws Exception {
    assertThat(new ProcessBuilder("kill", "-KILL", "" + pid).start().waitFor()).isZero();
  }

  private static void execute(String url, String... statements) throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        var s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  private static String query(String url, String sql) throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        var s = c.createStatement();
        var rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }
}
