package dev.pncpki.ca.keys.vault;

import dev.pncpki.ca.keys.KeyBackendException;
import dev.pncpki.ca.keys.KeyHandle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Gathers concurrent sign requests into Transit batch calls, with no timer and no extra thread: the
 * first caller to find no call in flight becomes the leader and sends everything queued, one call
 * per pinned key; callers arriving meanwhile queue up and go out in the leader's next round. Under
 * no load a request is sent at once; under load, round trips are shared.
 */
final class TransitSignBatcher {
  static final int MAX_BATCH = 256;

  private final TransitSigner signer;
  private final Object lock = new Object();
  private List<Pending> queue = new ArrayList<>();
  private boolean flushing;
  private final AtomicLong calls = new AtomicLong();

  TransitSignBatcher(TransitSigner signer) {
    this.signer = signer;
  }

  byte[] sign(KeyHandle key, byte[] digest) {
    Pending pending = new Pending(key, digest.clone(), new CompletableFuture<>());
    boolean leader;
    synchronized (lock) {
      queue.add(pending);
      leader = !flushing;
      flushing = true;
    }
    if (leader) {
      drain();
    }
    try {
      return pending.result().join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }

  /** How many Transit sign calls went out, for tests and metrics. */
  long calls() {
    return calls.get();
  }

  private void drain() {
    while (true) {
      List<Pending> round;
      synchronized (lock) {
        if (queue.isEmpty()) {
          flushing = false;
          return;
        }
        round = queue;
        queue = new ArrayList<>();
      }
      Map<KeyHandle, List<Pending>> byKey = new LinkedHashMap<>();
      for (Pending p : round) {
        byKey.computeIfAbsent(p.key(), k -> new ArrayList<>()).add(p);
      }
      byKey.forEach(this::send);
    }
  }

  private void send(KeyHandle key, List<Pending> all) {
    for (int from = 0; from < all.size(); from += MAX_BATCH) {
      List<Pending> batch = all.subList(from, Math.min(all.size(), from + MAX_BATCH));
      calls.incrementAndGet();
      try {
        List<TransitSigner.Result> results =
            signer.sign(key, batch.stream().map(Pending::digest).toList());
        for (int i = 0; i < batch.size(); i++) {
          TransitSigner.Result r = results.get(i);
          if (r.signature() != null) {
            batch.get(i).result().complete(r.signature());
          } else {
            batch
                .get(i)
                .result()
                .completeExceptionally(
                    new KeyBackendException("Transit refused to sign: " + r.error()));
          }
        }
      } catch (RuntimeException e) {
        batch.forEach(p -> p.result().completeExceptionally(e));
      }
    }
  }

  private record Pending(KeyHandle key, byte[] digest, CompletableFuture<byte[]> result) {}
}
