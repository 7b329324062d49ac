package dev.pncpki.ca.keys.vault;

import dev.pncpki.ca.batch.LeaderBatcher;
import dev.pncpki.ca.keys.KeyBackendException;
import dev.pncpki.ca.keys.KeyHandle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Gathers concurrent sign requests into Transit batch calls ({@code batch_input}), one call per
 * pinned key and at most {@link #MAX_BATCH} digests each. Under no load a request is sent at once;
 * under load, round trips are shared.
 */
final class TransitSignBatcher {
  static final int MAX_BATCH = 256;

  private record Request(KeyHandle key, byte[] digest) {}

  private final TransitSigner signer;
  private final AtomicLong calls = new AtomicLong();
  private final LeaderBatcher<Request, byte[]> batcher = new LeaderBatcher<>(this::round);

  TransitSignBatcher(TransitSigner signer) {
    this.signer = signer;
  }

  byte[] sign(KeyHandle key, byte[] digest) {
    return batcher.submit(new Request(key, digest.clone()));
  }

  /** How many Transit sign calls went out, for tests and metrics. */
  long calls() {
    return calls.get();
  }

  private void round(List<LeaderBatcher.Job<Request, byte[]>> jobs) {
    Map<KeyHandle, List<LeaderBatcher.Job<Request, byte[]>>> byKey = new LinkedHashMap<>();
    for (var job : jobs) {
      byKey.computeIfAbsent(job.input().key(), k -> new ArrayList<>()).add(job);
    }
    byKey.forEach(this::send);
  }

  private void send(KeyHandle key, List<LeaderBatcher.Job<Request, byte[]>> all) {
    for (int from = 0; from < all.size(); from += MAX_BATCH) {
      var batch = all.subList(from, Math.min(all.size(), from + MAX_BATCH));
      calls.incrementAndGet();
      try {
        List<TransitSigner.Result> results =
            signer.sign(key, batch.stream().map(j -> j.input().digest()).toList());
        for (int i = 0; i < batch.size(); i++) {
          TransitSigner.Result r = results.get(i);
          if (r.signature() != null) {
            batch.get(i).complete(r.signature());
          } else {
            batch.get(i).fail(new KeyBackendException("Transit refused to sign: " + r.error()));
          }
        }
      } catch (RuntimeException e) {
        batch.forEach(j -> j.fail(e));
      }
    }
  }
}
