package dev.pncpki.ca.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiConsumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Runs many small writes in one transaction: the first caller to find none in flight becomes the
 * leader and commits everything queued, in order, with one commit (one disk sync) and one turn of
 * any lock the writes take, such as the audit chain's. Callers arriving meanwhile go out in the
 * leader's next round. Every caller returns only after its write has committed.
 *
 * <p>All writes of a round commit or fail together; a failure is reported to every caller of that
 * round.
 */
public final class GroupCommit<T> {
  private final Jdbi jdbi;
  private final BiConsumer<Handle, T> write;
  private final Object lock = new Object();
  private List<Pending<T>> queue = new ArrayList<>();
  private boolean committing;

  public GroupCommit(Jdbi jdbi, BiConsumer<Handle, T> write) {
    this.jdbi = jdbi;
    this.write = write;
  }

  private record Pending<T>(T item, CompletableFuture<Void> done) {}

  public void commit(T item) {
    Pending<T> pending = new Pending<>(item, new CompletableFuture<>());
    boolean leader;
    synchronized (lock) {
      queue.add(pending);
      leader = !committing;
      committing = true;
    }
    if (leader) {
      drain();
    }
    try {
      pending.done().join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }

  private void drain() {
    while (true) {
      List<Pending<T>> round;
      synchronized (lock) {
        if (queue.isEmpty()) {
          committing = false;
          return;
        }
        round = queue;
        queue = new ArrayList<>();
      }
      try {
        jdbi.useTransaction(h -> round.forEach(p -> write.accept(h, p.item())));
        round.forEach(p -> p.done().complete(null));
      } catch (RuntimeException e) {
        round.forEach(p -> p.done().completeExceptionally(e));
      }
    }
  }
}
