package dev.pncpki.ca.revocation;

import dev.pncpki.ca.keys.KeyBackend;
import dev.pncpki.ca.keys.KeyBackendException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds, signs and serves the X.509 v2 CRL (RFC 5280 5) of each issuing CA, signed by the CA's own
 * key and kept in the {@link CrlStore}. A build streams the revoked certificates from the store
 * into a file of DER entries and signs the TBSCertList as it streams past ({@link SignedCrl}), so
 * its memory does not grow with the CRL. Builds take the CA's build lock, so one instance builds at
 * a time and CRL numbers become current in the order they were drawn.
 */
public final class CrlPublisher {
  private static final Logger LOG = LoggerFactory.getLogger(CrlPublisher.class);
  public static final Duration DEFAULT_PERIOD = Duration.ofDays(7);

  /** How long an explicit publication waits for another instance's build to finish. */
  static final Duration PUBLISH_WAIT = Duration.ofSeconds(60);

  /** CRLs up to this size are kept in memory per instance; larger ones stream from the store. */
  static final long CACHED_BYTES = 256 * 1024;

  private final KeyBackend backend;
  private final CrlStore store;
  private final Map<String, IssuingCa> cas;
  private final Clock clock;
  private final Duration period;
  private final Map<String, Cached> small = new ConcurrentHashMap<>();

  @SuppressWarnings("ArrayRecordComponent") // never compared; handed out only as a stream
  private record Cached(BigInteger number, byte[] der) {}

  public CrlPublisher(
      KeyBackend backend, CrlStore store, Collection<IssuingCa> cas, Clock clock, Duration period) {
    if (period.compareTo(Duration.ofMinutes(2)) < 0) {
      throw new IllegalArgumentException("CRL period must be at least 2 minutes, is " + period);
    }
    this.backend = backend;
    this.store = store;
    this.cas =
        cas.stream().collect(Collectors.toUnmodifiableMap(IssuingCa::id, Function.identity()));
    this.clock = clock;
    this.period = period;
  }

  public CrlPublisher(KeyBackend backend, CrlStore store, Collection<IssuingCa> cas, Clock clock) {
    this(backend, store, cas, clock, DEFAULT_PERIOD);
  }

  /** Whether this publisher signs CRLs for the CA. */
  public boolean publishes(String caId) {
    return cas.containsKey(caId);
  }

  public Set<String> caIds() {
    return cas.keySet();
  }

  /**
   * The newest stored CRL of the CA, building the first one if there is none yet (a distribution
   * point must always have something to serve); empty if the CA is not one of this publisher's.
   */
  public Optional<PublishedCrl> current(String caId) {
    if (!publishes(caId)) {
      return Optional.empty();
    }
    Optional<PublishedCrl> stored = store.latest(caId);
    if (stored.isPresent()) {
      return stored;
    }
    return Optional.of(build(caId, PUBLISH_WAIT, b -> b.latest().isEmpty()));
  }

  /**
   * The DER bytes of a CRL this publisher returned; small ones from memory, larger ones streamed
   * from the store.
   */
  public InputStream open(PublishedCrl crl) {
    Cached cached = small.get(crl.caId());
    if (cached != null && cached.number().equals(crl.number())) {
      return new ByteArrayInputStream(cached.der());
    }
    if (crl.length() > CACHED_BYTES) {
      return store.open(crl);
    }
    try (InputStream in = store.open(crl)) {
      byte[] der = in.readAllBytes();
      small.put(crl.caId(), new Cached(crl.number(), der));
      return new ByteArrayInputStream(der);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read CRL " + crl, e);
    }
  }

  /**
   * Signs a new CRL with the next CRL number now, waiting for a build of another instance to end.
   *
   * @throws IllegalArgumentException if the CA is not one of this publisher's
   * @throws CrlBusyException if another build held the CA's lock for too long
   * @throws KeyBackendException if the CA key cannot sign
   */
  public PublishedCrl publish(String caId) {
    if (!publishes(caId)) {
      throw new IllegalArgumentException("no issuing CA \"" + caId + "\"");
    }
    return build(caId, PUBLISH_WAIT, b -> true);
  }

  /**
   * Builds the CRL of every CA that needs one: none stored yet, a revocation not yet listed, or
   * older than half its period. For the background builder; another instance's build in progress is
   * not waited for (it covers the same need, and whatever comes after it is found by the next
   * call). Returns the ids built. A CA that fails is logged and tried again on the next call.
   */
  public List<String> refresh() {
    Set<String> behind = store.behind();
    List<String> built = new ArrayList<>();
    for (String caId : cas.keySet()) {
      try {
        if (!needed(behind.contains(caId), store.latest(caId))) {
          continue;
        }
        store
            .locked(caId, Duration.ZERO, b -> needed(b.behind(), b.latest()) ? sign(b, caId) : null)
            .ifPresent(crl -> built.add(caId));
      } catch (RuntimeException e) {
        LOG.error("cannot build the CRL of {}: {}", caId, e.getMessage(), e);
      }
    }
    return built;
  }

  private boolean needed(boolean behind, Optional<PublishedCrl> latest) {
    return behind || latest.map(crl -> crl.due(clock.instant())).orElse(true);
  }

  private PublishedCrl build(
      String caId, Duration wait, java.util.function.Predicate<CrlBuild> needed) {
    return store
        .locked(caId, wait, b -> needed.test(b) ? sign(b, caId) : b.latest().orElseThrow())
        .orElseThrow(
            () -> new CrlBusyException("the CRL of " + caId + " is being built; retry shortly"));
  }

  private PublishedCrl sign(CrlBuild build, String caId) {
    IssuingCa ca = cas.get(caId);
    long started = System.nanoTime();
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Instant nextUpdate = now.plus(period);
    BigInteger number = build.nextNumber();
    try (CrlEntries entries = CrlEntries.create()) {
      long revision = build.revoked(now, entries::add);
      SignedCrl der = SignedCrl.sign(ca, backend, number, now, nextUpdate, entries);
      var crl = new PublishedCrl(caId, number, now, nextUpdate, entries.count(), der.length());
      build.store(crl, revision, der);
      LOG.info(
          "CRL {} of {}: {} entries, {} bytes, built in {} ms",
          number,
          caId,
          crl.entries(),
          crl.length(),
          (System.nanoTime() - started) / 1_000_000);
      return crl;
    }
  }
}
