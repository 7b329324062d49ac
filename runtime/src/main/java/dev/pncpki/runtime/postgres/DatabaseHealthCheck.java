package dev.pncpki.runtime.postgres;

import com.codahale.metrics.health.HealthCheck;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The services' {@code database} health check: a connection from the service's pool answers within
 * a few seconds. While PostgreSQL is down or frozen it reports unhealthy (and says why, without the
 * URL or credentials), and healthy again once it answers, embedded or external alike
 * (docs/operations.md, "Health checks").
 */
public final class DatabaseHealthCheck extends HealthCheck {
  static final int TIMEOUT_SECONDS = 3;
  private final DataSource pool;

  public DatabaseHealthCheck(DataSource pool) {
    this.pool = pool;
  }

  @Override
  protected Result check() {
    try (Connection c = pool.getConnection()) {
      return c.isValid(TIMEOUT_SECONDS)
          ? Result.healthy()
          : Result.unhealthy("PostgreSQL did not answer within " + TIMEOUT_SECONDS + " s");
    } catch (SQLException e) {
      return Result.unhealthy("PostgreSQL is unreachable (SQLSTATE " + e.getSQLState() + ")");
    }
  }
}
