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
    postgres =
        EmbeddedPostgres.builder()
            .setDataDirectory(dir)
            .setCleanDataDirectory(false)
            .setServerConfig("fsync", "on") // as the service's embedded default (Database.java)
            .setServerConfig("synchronous_commit", "on")
            .setServerConfig("full_page_writes", "on")
            .start();
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
