package dev.pncpki.ca.revocation;

import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** The system of record as the OCSP responder sees it, in memory, counting status lookups. */
final class InMemoryRevocationSource implements RevocationSource {
  private record Serial(String issuerId, BigInteger serial) {}

  private final Set<Serial> issued = ConcurrentHashMap.newKeySet();
  private final Map<Serial, RevokedEntry> revoked = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> crlNumbers = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> revisions = new ConcurrentHashMap<>();
  private final AtomicInteger statusLookups = new AtomicInteger();
  private volatile Runnable onStatus = () -> {};

  void issue(String issuerId, BigInteger serial) {
    issued.add(new Serial(issuerId, serial));
  }

  void revoke(String issuerId, BigInteger serial, Instant at, RevocationReason reason) {
    revoked.put(new Serial(issuerId, serial), new RevokedEntry(serial, at, reason));
    revisions.computeIfAbsent(issuerId, id -> new AtomicLong()).incrementAndGet();
  }

  int statusLookups() {
    return statusLookups.get();
  }

  /** Runs inside every status lookup, to act out what happens concurrently. */
  void onStatus(Runnable action) {
    this.onStatus = action;
  }

  @Override
  public CertificateStatus status(String issuerId, BigInteger serial) {
    statusLookups.incrementAndGet();
    Serial key = new Serial(issuerId, serial);
    CertificateStatus status;
    RevokedEntry entry = revoked.get(key);
    if (entry != null) {
      status = CertificateStatus.revoked(entry.revokedAt(), entry.reason());
    } else {
      status = issued.contains(key) ? CertificateStatus.GOOD : CertificateStatus.UNKNOWN;
    }
    onStatus.run();
    return status;
  }

  /** The revoked certificates of the issuer, as a CRL lists them (expiry is not modelled). */
  List<RevokedEntry> revoked(String issuerId) {
    return revoked.entrySet().stream()
        .filter(e -> e.getKey().issuerId().equals(issuerId))
        .map(Map.Entry::getValue)
        .toList();
  }

  /** Moves with every revocation of the issuer, as the database's trigger moves it. */
  long revision(String issuerId) {
    return revisions.getOrDefault(issuerId, new AtomicLong()).get();
  }

  long nextCrlNumber(String issuerId) {
    return crlNumbers.computeIfAbsent(issuerId, id -> new AtomicLong()).incrementAndGet();
  }

  long lastCrlNumber(String issuerId) {
    return crlNumbers.getOrDefault(issuerId, new AtomicLong()).get();
  }
}
