package dev.pncpki.runtime.postgres;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the embedded PostgreSQL again when it dies under a running service (killed, or ended by
 * the OOM killer): on the same data directory and port, so the service's connection pool, which
 * knows only that URL, reconnects by itself. It looks at the postmaster's process every {@code
 * poll}; once the process is gone, it tries pg_ctl start with back-off (doubling from {@code
 * firstDelay} up to {@code maxDelay}) until the server runs again or the database is closed. Each
 * step is logged: the loss as an error, each failed attempt with pg_ctl's reason, the return.
 *
 * <p>While it is down the service's requests and its database health check fail (quickly: the
 * pool's connection timeout); PostgreSQL replays its write-ahead log as it starts, so nothing a
 * client was told is committed is lost (fsync and synchronous commit are on).
 */
final class PostmasterWatchdog implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);

  /** How often, how soon and how patiently it acts. */
  record Timing(Duration poll, Duration firstDelay, Duration maxDelay, Duration startTimeout) {
    static final Timing DEFAULT =
        new Timing(
            Duration.ofSeconds(1),
            Duration.ofMillis(500),
            Duration.ofSeconds(30),
            Duration.ofSeconds(60));
  }

  private final Path dir;
  private final int port;
  private final List<String> options;
  private final PgCtl pgCtl;
  private final Timing timing;
  private final ReentrantLock attempt = new ReentrantLock();
  private final Thread thread;
  private volatile ProcessHandle postmaster;
  private volatile boolean closed;

  /**
   * @param options what pg_ctl passes to postgres: the port and the server settings it ran with
   */
  PostmasterWatchdog(
      Path dir,
      int port,
      List<String> options,
      PgCtl pgCtl,
      ProcessHandle postmaster,
      Timing timing) {
    this.dir = dir;
    this.port = port;
    this.options = List.copyOf(options);
    this.pgCtl = pgCtl;
    this.postmaster = postmaster;
    this.timing = timing;
    this.thread =
        Thread.ofPlatform().name("embedded-postgres-watchdog").daemon().unstarted(this::watch);
  }

  void start() {
    thread.start();
  }

  /** The postmaster's pid now (it changes with each restart). */
  long pid() {
    return postmaster.pid();
  }

  private void watch() {
    try {
      while (!closed) {
        Thread.sleep(timing.poll());
        if (!closed && !postmaster.isAlive()) {
          recover();
        }
      }
    } catch (InterruptedException e) {
      // closed
    }
  }

  private void recover() throws InterruptedException {
    Instant lost = Instant.now();
    LOG.error(
        "embedded PostgreSQL in {} (pid {}) has stopped; starting it again on port {}",
        dir,
        postmaster.pid(),
        port);
    Duration delay = timing.firstDelay();
    for (int n = 1; !closed; n++) {
      String failure = attemptStart();
      if (failure == null) {
        LOG.warn(
            "embedded PostgreSQL in {} runs again (pid {}, port {}) after {} attempt(s), {} ms"
                + " down",
            dir,
            postmaster.pid(),
            port,
            n,
            Duration.between(lost, Instant.now()).toMillis());
        return;
      }
      if (closed) {
        return;
      }
      LOG.warn(
          "attempt {} to start embedded PostgreSQL in {} failed: {}; next in {} ms",
          n,
          dir,
          failure,
          delay.toMillis());
      Thread.sleep(delay);
      delay = min(delay.multipliedBy(2), timing.maxDelay());
    }
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** One pg_ctl start, unless closed meanwhile; null on success, else why it failed. */
  private String attemptStart() throws InterruptedException {
    attempt.lock();
    try {
      if (closed) {
        return "closed";
      }
      pgCtl.start(dir, options, timing.startTimeout());
      long pid =
          PostmasterPidFile.read(dir)
              .orElseThrow(() -> new IOException("the server wrote no " + PostmasterPidFile.NAME))
              .pid();
      postmaster =
          ProcessHandle.of(pid)
              .orElseThrow(() -> new IOException("the server (pid " + pid + ") ended at once"));
      return null;
    } catch (IOException | IllegalArgumentException e) {
      return e.getMessage();
    } finally {
      attempt.unlock();
    }
  }

  /** Stops watching; waits for a start attempt in progress, so none begins after this returns. */
  @Override
  public void close() {
    closed = true;
    attempt.lock(); // an attempt in progress runs to its end: pg_ctl is not left half-way
    try {
      thread.interrupt(); // ends a wait between polls or attempts
    } finally {
      attempt.unlock();
    }
    try {
      thread.join(timing.startTimeout().toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
