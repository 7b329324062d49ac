package dev.pncpki.ca.roots;

import com.codahale.metrics.health.HealthCheck;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code root-pool} on the admin port: healthy (the CA issues whatever its pool holds), with a
 * message naming the pooled roots that have expired or expire within the warning window, so that
 * monitoring that reads the message alerts before a root runs out; the bridges alert on them too.
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
      return Result.builder()
          .healthy()
          .withMessage("expired roots in the pool: " + describe(expired))
          .withDetail("expired", expired.size())
          .withDetail("expiring", expiring.size())
          .build();
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
