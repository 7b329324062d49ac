package dev.pncpki.ca.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Looks into the CA's embedded PostgreSQL from outside (its default superuser on loopback): how
 * many sessions and commits a phase caused, and, sampled every 50 ms, how many client backends were
 * busy and how many of them waited for a lock (the audit chain's advisory lock serialises
 * issuances).
 */
final class PgProbe implements AutoCloseable {
  private final Connection connection;
  private final AtomicBoolean sampling = new AtomicBoolean();
  private Thread sampler;
  private long samples;
  private long active;
  private long lockWaits;

  /** Counters of the database "postgres" at one moment. */
  record Counters(long sessions, long commits) {}

  /** Averages over the samples: backends running a statement, and those waiting for a lock. */
  record Activity(double active, double waitingForLock) {}

  PgProbe(int port) throws SQLException {
    connection =
        DriverManager.getConnection(
            "jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", "");
  }

  synchronized Counters counters() throws SQLException {
    try (var statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "select sessions, xact_commit from pg_stat_database where datname = 'postgres'")) {
      rs.next();
      return new Counters(rs.getLong(1), rs.getLong(2));
    }
  }

  void startSampling() {
    samples = 0;
    active = 0;
    lockWaits = 0;
    sampling.set(true);
    sampler = Thread.ofPlatform().daemon().name("pg-sampler").start(this::sample);
  }

  Activity stopSampling() throws InterruptedException {
    sampling.set(false);
    sampler.join();
    return samples == 0
        ? new Activity(0, 0)
        : new Activity(active / (double) samples, lockWaits / (double) samples);
  }

  private void sample() {
    String sql =
        "select count(*) filter (where state = 'active'),"
            + " count(*) filter (where wait_event_type = 'Lock')"
            + " from pg_stat_activity where backend_type = 'client backend'"
            + " and pid <> pg_backend_pid()";
    while (sampling.get()) {
      synchronized (this) {
        try (var statement = connection.createStatement();
            ResultSet rs = statement.executeQuery(sql)) {
          rs.next();
          active += rs.getLong(1);
          lockWaits += rs.getLong(2);
          samples++;
        } catch (SQLException e) {
          return;
        }
      }
      LockSupport.parkNanos(50_000_000);
    }
  }

  @Override
  public void close() throws SQLException {
    connection.close();
  }

  void closeQuietly() {
    try {
      close();
    } catch (SQLException ignored) {
      // only statistics were read
    }
  }
}
