package dev.pncpki.ca.app;

import com.codahale.metrics.health.HealthCheck;
import org.jdbi.v3.core.Jdbi;

/** PostgreSQL answers a trivial query. */
final class DatabaseHealthCheck extends HealthCheck {
  private final Jdbi jdbi;

  DatabaseHealthCheck(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  protected Result check() {
    jdbi.withHandle(h -> h.createQuery("select 1").mapTo(Integer.class).one());
    return Result.healthy();
  }
}
