package dev.pncpki.bridge.store;

import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;

/**
 * Work that one bridge instance at a time does for all (a renewal pass, a campaign pass): a
 * PostgreSQL session advisory lock, tried and not waited for. The work runs on the lock's own
 * connection (JDBI reuses the thread's open handle), and the lock goes with the connection if the
 * instance dies.
 */
final class AdvisoryLock {
  private AdvisoryLock() {}

  /** Runs {@code work} if no other instance holds {@code lock}; empty if one does. */
  static <T> Optional<T> exclusively(Jdbi jdbi, long lock, Supplier<T> work) {
    return jdbi.withHandle(
        h -> {
          boolean mine =
              h.createQuery("SELECT pg_try_advisory_lock(:lock)")
                  .bind("lock", lock)
                  .mapTo(Boolean.class)
                  .one();
          if (!mine) {
            return Optional.empty();
          }
          try {
            return Optional.of(work.get());
          } finally {
            h.createQuery("SELECT pg_advisory_unlock(:lock)")
                .bind("lock", lock)
                .mapTo(Boolean.class)
                .one();
          }
        });
  }
}
