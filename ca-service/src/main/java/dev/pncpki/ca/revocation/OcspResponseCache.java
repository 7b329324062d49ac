package dev.pncpki.ca.revocation;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

/**
 * Pre-signed single-certificate OCSP responses, bounded in size (the oldest entry goes first). The
 * key holds everything a nonce-less single request can vary, since the CertID's issuer hashes
 * follow from the CA and the hash algorithm.
 *
 * <p>A response built while a revocation happens must not be stored: it may say good. So every
 * invalidation moves a generation counter, and a response is only stored if the counter did not
 * move between the status lookup and the store.
 *
 * <p>Reads take no lock (the hot path of a responder under load: a lock here made requests queue
 * behind each other); stores, evictions and invalidations are rare and serialised.
 */
final class OcspResponseCache {

  record Key(String caId, AlgorithmIdentifier hash, BigInteger serial) {}

  @SuppressWarnings("ArrayRecordComponent") // never compared; copied on the way in and out
  private record Entry(byte[] der, Instant refreshAt) {}

  private final int maxEntries;
  private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();
  private final ArrayDeque<Key> insertionOrder = new ArrayDeque<>(); // guarded by this
  private volatile long generation;

  OcspResponseCache(int maxEntries) {
    this.maxEntries = maxEntries;
  }

  /** The cached response, unless there is none or it has reached its refresh point. */
  Optional<byte[]> get(Key key, Instant now) {
    Entry entry = entries.get(key);
    return entry == null || !now.isBefore(entry.refreshAt())
        ? Optional.empty()
        : Optional.of(entry.der().clone());
  }

  /** Read before looking up the status of what will be stored. */
  long generation() {
    return generation;
  }

  /** Stores the response unless an invalidation happened since {@code generationBefore}. */
  synchronized void put(Key key, byte[] der, Instant refreshAt, long generationBefore) {
    if (maxEntries == 0 || generation != generationBefore) {
      return;
    }
    if (entries.put(key, new Entry(der.clone(), refreshAt)) == null) {
      insertionOrder.addLast(key);
    }
    while (entries.size() > maxEntries) {
      entries.remove(insertionOrder.removeFirst());
    }
  }

  synchronized void invalidate(String caId, BigInteger serial) {
    generation++;
    for (AlgorithmIdentifier hash : OcspAuthority.ACCEPTED_HASHES) {
      Key key = new Key(caId, hash, serial);
      if (entries.remove(key) != null) {
        insertionOrder.remove(key);
      }
    }
  }

  /** Forget everything, e.g. after revocations may have been missed. */
  synchronized void invalidateAll() {
    generation++;
    entries.clear();
    insertionOrder.clear();
  }

  int size() {
    return entries.size();
  }
}
