package dev.pncpki.ca.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;

/**
 * For {@code --database=external}: the same PostgreSQL binaries and durability settings as the
 * service's embedded default, but started by the benchmark, so that the service reaches it by URL
 * through its connection pool, as a production deployment would.
 */
final class ExternalPostgres implements AutoCloseable {
  private final EmbeddedPostgres postgres;

  ExternalPostgres(Path dir) throws IOException {
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
  String yaml() {
    return "{url: \"jdbc:postgresql://127.0.0.1:%d/postgres\", user: postgres, password: \"\"}"
        .formatted(postgres.getPort());
  }

  @Override
  public void close() throws IOException {
    postgres.close();
  }
}
