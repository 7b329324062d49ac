package dev.pncpki.ca.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;

/**
 * For {@code --database=external}: the same PostgreSQL binaries and durability settings as the
 * service's embedded default, but started by the benchmark, so that the service reaches it by URL
 * through its connection pool, as a production deployment would.
 */
public final class ExternalPostgres implements AutoCloseable {
  private final EmbeddedPostgres postgres;
  private final Path dir;

  public ExternalPostgres(Path dir) throws IOException {
    this.dir = dir;
    var builder =
        EmbeddedPostgres.builder()
            .setDataDirectory(dir)
            .setCleanDataDirectory(false)
            .setServerConfig("fsync", "on") // as the service's embedded default (Database.java)
            .setServerConfig("synchronous_commit", "on")
            .setServerConfig("full_page_writes", "on");
    if (Boolean.getBoolean("pnc.bench.statements")) {
      // diagnosis: per-statement counts and times in pg_stat_statements (see statementReport)
      builder.setServerConfig("shared_preload_libraries", "pg_stat_statements");
    }
    postgres = builder.start();
  }

  /**
   * With {@code -Dpnc.bench.statements=true}: the statements that took the most time so far, one
   * line each (calls, total ms, mean ms, rows, text), else an empty list.
   */
  public java.util.List<String> statementReport(int limit) {
    if (!Boolean.getBoolean("pnc.bench.statements")) {
      return java.util.List.of();
    }
    var lines = new java.util.ArrayList<String>();
    try (var c = postgres.getPostgresDatabase().getConnection();
        var st = c.createStatement()) {
      st.execute("create extension if not exists pg_stat_statements");
      try (var rs =
          st.executeQuery(
              "select calls, total_exec_time, mean_exec_time, rows,"
                  + " regexp_replace(query, '\\s+', ' ', 'g') from pg_stat_statements"
                  + " order by total_exec_time desc limit "
                  + limit)) {
        while (rs.next()) {
          String text = rs.getString(5);
          lines.add(
              "%9d calls %9.0f ms %7.3f ms/call %9d rows  %s"
                  .formatted(
                      rs.getLong(1),
                      rs.getDouble(2),
                      rs.getDouble(3),
                      rs.getLong(4),
                      text.substring(0, Math.min(160, text.length()))));
        }
      }
    } catch (java.sql.SQLException e) {
      lines.add("pg_stat_statements unavailable: " + e.getMessage());
    }
    return lines;
  }

  /** The "database:" section of the service configuration. */
  public String yaml() {
    return "{url: \"jdbc:postgresql://127.0.0.1:%d/postgres\", user: postgres, password: \"\"}"
        .formatted(postgres.getPort());
  }

  /** The postmaster's process id (for CPU accounting). */
  public long pid() {
    try {
      return Long.parseLong(
          java.nio.file.Files.readAllLines(dir.resolve("postmaster.pid")).get(0).trim());
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** The "database:" section for a service that wants url, user and password. */
  public String jdbcUrl() {
    return "jdbc:postgresql://127.0.0.1:%d/postgres".formatted(postgres.getPort());
  }

  @Override
  public void close() throws IOException {
    postgres.close();
  }
}
