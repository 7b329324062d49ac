package dev.pncpki.ca.revocation;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The CRL store in memory, over an {@link InMemoryRevocationSource}; locks are per CA. */
final class InMemoryCrlStore implements CrlStore {
  @SuppressWarnings("ArrayRecordComponent") // test data, compared by the tests themselves
  record Stored(PublishedCrl crl, long revision, byte[] der) {}

  private final InMemoryRevocationSource source;
  private final Map<String, NavigableMap<BigInteger, Stored>> crls = new ConcurrentHashMap<>();
  private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

  InMemoryCrlStore(InMemoryRevocationSource source) {
    this.source = source;
  }

  /** The CA's build lock, for a test to hold as another instance would. */
  ReentrantLock lock(String caId) {
    return locks.computeIfAbsent(caId, id -> new ReentrantLock());
  }

  byte[] der(PublishedCrl crl) {
    return crls.get(crl.caId()).get(crl.number()).der().clone();
  }

  int stored(String caId) {
    return crls.getOrDefault(caId, new ConcurrentSkipListMap<>()).size();
  }

  @Override
  public Optional<PublishedCrl> latest(String caId) {
    NavigableMap<BigInteger, Stored> all = crls.get(caId);
    return all == null || all.isEmpty()
        ? Optional.empty()
        : Optional.of(all.lastEntry().getValue().crl());
  }

  @Override
  public InputStream open(PublishedCrl crl) {
    return new ByteArrayInputStream(der(crl));
  }

  @Override
  public Set<String> behind() {
    return crls.keySet().stream().filter(this::isBehind).collect(Collectors.toSet());
  }

  private boolean isBehind(String caId) {
    NavigableMap<BigInteger, Stored> all = crls.get(caId);
    long built = all == null || all.isEmpty() ? 0 : all.lastEntry().getValue().revision();
    return source.revision(caId) > built;
  }

  @Override
  public <T> Optional<T> locked(String caId, Duration wait, Function<CrlBuild, T> work) {
    ReentrantLock lock = lock(caId);
    try {
      if (!lock.tryLock(wait.toMillis(), TimeUnit.MILLISECONDS)) {
        return Optional.empty();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(work.apply(new Build(caId)));
    } finally {
      lock.unlock();
    }
  }

  private final class Build implements CrlBuild {
    private final String caId;

    Build(String caId) {
      this.caId = caId;
    }

    @Override
    public Optional<PublishedCrl> latest() {
      return InMemoryCrlStore.this.latest(caId);
    }

    @Override
    public boolean behind() {
      return isBehind(caId);
    }

    @Override
    public BigInteger nextNumber() {
      return BigInteger.valueOf(source.nextCrlNumber(caId));
    }

    @Override
    public long revoked(Instant notExpiredAt, Consumer<RevokedEntry> sink) {
      long revision = source.revision(caId);
      source.revoked(caId).forEach(sink);
      return revision;
    }

    @Override
    public void store(PublishedCrl crl, long revision, SignedCrl der) {
      try (InputStream in = der.open()) {
        byte[] bytes = in.readAllBytes();
        crls.computeIfAbsent(caId, id -> new ConcurrentSkipListMap<>())
            .put(crl.number(), new Stored(crl, revision, bytes));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
