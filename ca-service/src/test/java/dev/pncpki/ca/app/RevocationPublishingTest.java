package dev.pncpki.ca.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.pncpki.ca.keys.software.SoftwareKeyBackend;
import dev.pncpki.ca.revocation.CertificateStatus;
import dev.pncpki.ca.revocation.CrlBuild;
import dev.pncpki.ca.revocation.CrlPublisher;
import dev.pncpki.ca.revocation.CrlStore;
import dev.pncpki.ca.revocation.OcspResponder;
import dev.pncpki.ca.revocation.PublishedCrl;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CRL builder's scheduling: revocations never wait for a CRL, a burst makes one build, and a
 * revocation during a build makes another after it. Each builder run asks the store once which CAs
 * lag behind, so counting those questions counts the runs.
 */
class RevocationPublishingTest {
  private static final Duration COALESCE = Duration.ofMillis(200);
  private static final Duration POLL = Duration.ofHours(1); // only the start-up run polls

  @TempDir Path dir;

  private final CountingStore store = new CountingStore();
  private RevocationPublishing publishing;

  private RevocationPublishing publishing() {
    var backend = new SoftwareKeyBackend(dir, "test-password".toCharArray());
    var crls = new CrlPublisher(backend, store, List.of(), Clock.systemUTC());
    OcspResponder ocsp =
        new OcspResponder(
            backend, (issuer, serial) -> CertificateStatus.UNKNOWN, List.of(), Clock.systemUTC());
    publishing = new RevocationPublishing(crls, ocsp, COALESCE, POLL);
    return publishing;
  }

  @AfterEach
  void stop() {
    if (publishing != null) {
      publishing.stop();
    }
    store.release.countDown();
  }

  @Test
  void startingLooksForMissingCrlsAtOnce() throws Exception {
    publishing().start();

    assertThat(store.awaitRuns(1)).isTrue();
  }

  @Test
  void aBurstOfRevocationsMakesOneBuildAfterTheCoalescingDelay() throws Exception {
    var p = publishing();

    for (int i = 0; i < 50; i++) {
      p.revoked("cpo-sub-ca-2", BigInteger.valueOf(i));
    }

    assertThat(store.awaitRuns(1)).isTrue();
    Thread.sleep(3 * COALESCE.toMillis());
    assertThat(store.runs.get()).isEqualTo(1);
  }

  @Test
  void aRevocationDoesNotWaitForABuildInProgressAndMakesAnotherAfterIt() throws Exception {
    var p = publishing();
    store.blockRuns();
    p.revoked("cpo-sub-ca-2", BigInteger.ONE);
    assertThat(store.started.await(10, TimeUnit.SECONDS)).isTrue(); // the build is running

    assertTimeoutPreemptively(
        Duration.ofSeconds(5), () -> p.revoked("cpo-sub-ca-2", BigInteger.TWO));

    store.release.countDown();
    assertThat(store.awaitRuns(2)).isTrue();
  }

  @Test
  void notificationsOfThisInstanceOrUnreadableOnesWakeNothing() throws Exception {
    var p = publishing();

    p.notified("self cpo-sub-ca-2/0a1b", "self");
    p.notified("garbage", "self");
    Thread.sleep(3 * COALESCE.toMillis());
    assertThat(store.runs.get()).isZero();

    p.notified("other cpo-sub-ca-2/0a1b", "self");
    assertThat(store.awaitRuns(1)).isTrue();
  }

  @Test
  void resynchronisingLooksForLaggingCrls() throws Exception {
    publishing().resynchronise();

    assertThat(store.awaitRuns(1)).isTrue();
  }

  /** A store with nothing in it that counts the builder's runs and can hold one up. */
  private static final class CountingStore implements CrlStore {
    final AtomicInteger runs = new AtomicInteger();
    final CountDownLatch started = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean blocking;

    void blockRuns() {
      blocking = true;
    }

    boolean awaitRuns(int n) throws InterruptedException {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (runs.get() < n && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      return runs.get() >= n;
    }

    @Override
    public Set<String> behind() {
      runs.incrementAndGet();
      if (blocking) {
        started.countDown();
        try {
          release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      return Set.of();
    }

    @Override
    public Optional<PublishedCrl> latest(String caId) {
      return Optional.empty();
    }

    @Override
    public InputStream open(PublishedCrl crl) {
      throw new UnsupportedOperationException("no CRLs stored");
    }

    @Override
    public <T> Optional<T> locked(String caId, Duration wait, Function<CrlBuild, T> work) {
      throw new UnsupportedOperationException("no CAs to build for");
    }
  }
}
