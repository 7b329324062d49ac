package dev.pncpki.ca.store;

import dev.pncpki.ca.batch.LeaderBatcher;
import java.sql.SQLException;
import java.util.List;
import java.util.function.BiConsumer;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Runs many small writes in one transaction: one commit (one disk sync) and one turn of any lock
 * the writes take, such as the audit chain's, for all writes that arrive together. Every caller
 * returns only after its write has committed. A round that one write broke (a constraint, say) is
 * rolled back and its writes run again each in a transaction of its own, so a bad write fails only
 * its own caller, with its own exception; a round that failed for want of a database fails all its
 * callers at once.
 */
public final class GroupCommit<T> {
  private final LeaderBatcher<T, Boolean> batcher;

  /** {@code write} stores the items of a round (in their order) inside the round's transaction. */
  public GroupCommit(Jdbi jdbi, BiConsumer<Handle, List<T>> write) {
    this.batcher =
        new LeaderBatcher<>(
            jobs -> {
              List<T> items = jobs.stream().map(LeaderBatcher.Job::input).toList();
              try {
                jdbi.useTransaction(h -> write.accept(h, items));
                jobs.forEach(j -> j.complete(Boolean.TRUE));
                return;
              } catch (RuntimeException e) {
                if (jobs.size() == 1 || unavailable(e)) {
                  throw e; // the batcher fails every job of the round with it
                }
              }
              for (var job : jobs) {
                try {
                  jdbi.useTransaction(h -> write.accept(h, List.of(job.input())));
                  job.complete(Boolean.TRUE);
                } catch (RuntimeException e) {
                  job.fail(e);
                }
              }
            });
  }

  /** Stores {@code item} with whatever else is being committed now; throws what its write threw. */
  public void commit(T item) {
    batcher.submit(item);
  }

  /** No connection, or a broken one (SQLSTATE class 08): trying each write alone would not help. */
  private static boolean unavailable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ConnectionException
          || t instanceof SQLException sql && String.valueOf(sql.getSQLState()).startsWith("08")) {
        return true;
      }
    }
    return false;
  }
}
