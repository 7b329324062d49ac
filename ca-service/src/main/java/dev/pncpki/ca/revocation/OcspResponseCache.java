package dev.pncpki.ca.revocation;

import java.math.BigInteger;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;

/**
 * Pre-signed single-certificate OCSP responses, bounded in size (the oldest entry goes first). The
 * key holds everything a nonce-less single request can vary, since the CertID's issuer hashes
 * follow from the CA and the hash algorithm.
 *
 * <p>A response built while a revocation happens must not be stored: it may say good. So every
 * invalidation moves a generation counter, and a response is only stored if the counter did not
 * move between the status lookup and the store.
 */
final class OcspResponseCache {

  record Key(String caId, AlgorithmIdentifier hash, BigInteger serial) {}

  @SuppressWarnings("ArrayRecordComponent") // never compared; copied on the way in and out
  private record Entry(byte[] der, Instant refreshAt) {}

  private final int maxEntries;
  private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>();
  private long generation;

  OcspResponseCache(int maxEntries) {
    this.maxEntries = maxEntries;
  }

  /** The cached response, unless there is none or it has reached its refresh point. */
  synchronized Optional<byte[]> get(Key key, Instant now) {
    Entry entry = entries.get(key);
    return entry == null || !now.isBefore(entry.refreshAt())
        ? Optional.empty()
        : Optional.of(entry.der().clone());
  }

  /** Read before looking up the status of what will be stored. */
  synchronized long generation() {
    return generation;
  }

  /** Stores the response unless an invalidation happened since {@code generationBefore}. */
  synchronized void put(Key key, byte[] der, Instant refreshAt, long generationBefore) {
    if (maxEntries == 0 || generation != generationBefore) {
      return;
    }
    entries.remove(key); // a refreshed entry becomes the newest
    entries.put(key, new Entry(der.clone(), refreshAt));
    Iterator<Map.Entry<Key, Entry>> oldest = entries.entrySet().iterator();
    while (entries.size() > maxEntries) {
      oldest.next();
      oldest.remove();
    }
  }

  synchronized void invalidate(String caId, BigInteger serial) {
    generation++;
    for (AlgorithmIdentifier hash : OcspAuthority.ACCEPTED_HASHES) {
      entries.remove(new Key(caId, hash, serial));
    }
  }

  synchronized int size() {
    return entries.size();
  }
}
