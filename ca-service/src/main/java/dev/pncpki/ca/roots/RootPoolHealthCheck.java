package dev.pncpki.ca.roots;

import com.codahale.metrics.health.HealthCheck;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code root-pool} on the admin port: unhealthy while the pool holds an expired root (stations and
 * contract checks that rely on it fail), healthy with a warning naming the roots that expire within
 * the warning window, so that monitoring alerts before a root runs out.
 */
public final class RootPoolHealthCheck extends HealthCheck {
  private final RootPool pool;
  private final Duration warning;
  private final java.time.Clock clock;

  public RootPoolHealthCheck(RootPool pool, Duration warning, java.time.Clock clock) {
    this.pool = pool;
    this.warning = warning;
    this.clock = clock;
  }

  @Override
  protected Result check() {
    List<PooledRoot> expiring = pool.expiring(warning);
    List<PooledRoot> expired =
        expiring.stream().filter(r -> !r.notAfter().isAfter(clock.instant())).toList();
    if (!expired.isEmpty()) {
      return Result.unhealthy("expired roots in the pool: " + describe(expired));
    }
    if (!expiring.isEmpty()) {
      return Result.builder()
          .healthy()
          .withMessage(
              expiring.size()
                  + " pooled root(s) expire within "
                  + warning.toDays()
                  + " days: "
                  + describe(expiring))
          .withDetail("expiring", expiring.size())
          .build();
    }
    return Result.healthy("no pooled root expires within " + warning.toDays() + " days");
  }

  private static String describe(List<PooledRoot> roots) {
    return roots.stream()
        .map(r -> r.type().wire() + " " + r.certificate().getSubject() + " (" + r.notAfter() + ")")
        .collect(Collectors.joining("; "));
  }
}
