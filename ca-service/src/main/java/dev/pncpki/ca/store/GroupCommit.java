package dev.pncpki.ca.store;

import dev.pncpki.ca.batch.LeaderBatcher;
import java.util.function.BiConsumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Runs many small writes in one transaction: one commit (one disk sync) and one turn of any lock
 * the writes take, such as the audit chain's, for all writes that arrive together. Every caller
 * returns only after its write has committed; the writes of a round commit or fail together.
 */
public final class GroupCommit<T> {
  private final LeaderBatcher<T, Boolean> batcher;

  public GroupCommit(Jdbi jdbi, BiConsumer<Handle, T> write) {
    this.batcher =
        new LeaderBatcher<>(
            jobs -> {
              jdbi.useTransaction(h -> jobs.forEach(j -> write.accept(h, j.input())));
              jobs.forEach(j -> j.complete(Boolean.TRUE));
            });
  }

  public void commit(T item) {
    batcher.submit(item);
  }
}
