package dev.pncpki.ca.revocation;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.pncpki.ca.keys.KeyBackend;
import dev.pncpki.ca.keys.KeyHandle;
import dev.pncpki.ca.keys.KeyName;
import dev.pncpki.ca.store.Database;
import dev.pncpki.ca.store.JdbiCrlStore;
import dev.pncpki.ca.testing.Openssl;
import dev.pncpki.policies.profile.KeyAlgorithm;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CRLEntryHolder;
import org.bouncycastle.cert.X509CRLHolder;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CRLs built from and kept in real PostgreSQL by two publishers with pools of their own, as two CA
 * instances on one database: one builds at a time, both serve the same bytes for the same number, a
 * revocation commits while a build is under way and is listed by the next one, and what the CRL
 * lists (checked by openssl and Bouncy Castle) is exactly what the database holds.
 */
class CrlPublishingIT {
  @TempDir static Path dir;
  private static Database database;
  private static Database secondPool;
  private static Jdbi jdbi;
  private static TestPki pki;
  private static IssuingCa ca;
  private static int nextSerial;

  @BeforeAll
  static void start() {
    database = Database.embedded(dir.resolve("pg"));
    jdbi = database.jdbi();
    var url = ((HikariDataSource) database.dataSource()).getJdbcUrl();
    secondPool = Database.external(url, "postgres", null, 4);
    pki = TestPki.create(dir);
    ca = pki.subCa("a");
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "insert into authority (id, profile, key_ref, serial, certificate, not_after,"
                        + " base_url) values ('a', 'cpo-sub-ca-2', 'k:1', '01', :der, now(),"
                        + " 'http://localhost')")
                .bind("der", encoded())
                .execute());
  }

  private static byte[] encoded() {
    try {
      return ca.certificate().getEncoded();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @AfterAll
  static void stop() {
    secondPool.close();
    database.close();
  }

  @BeforeEach
  void clean() {
    jdbi.useHandle(
        h -> {
          h.execute("delete from crl");
          h.execute("delete from certificate");
          h.execute("delete from crl_number");
        });
  }

  private static CrlPublisher publisher(Jdbi on, KeyBackend backend) {
    return new CrlPublisher(backend, new JdbiCrlStore(on), List.of(ca), Clock.systemUTC());
  }

  /** Certificates of CA a with serials of 128 bits; every {@code revokeEvery}-th revoked. */
  private static void issue(int count, int revokeEvery) {
    int first = nextSerial;
    nextSerial += count;
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    """
                    insert into certificate (issuer_id, serial, profile, subject_cn, status,
                      requester, request_sha256, created_at, not_before, not_after, certificate,
                      revoked_at, revocation_reason)
                    select 'a', '7' || substr(md5(i::text), 2), 'charging-station-client',
                      'CS-' || i, 'issued', 'test', '\\x00', now(), now(), now() + interval '1 year',
                      '\\x00',
                      case when i % :every = 0 then date_trunc('second', now()) - i * interval '1 s' end,
                      case when i % :every = 0 then (array[0,1,3,4,5,9])[1 + i % 6] end
                    from generate_series(:first, :last) i
                    """)
                .bind("first", first)
                .bind("last", first + count - 1)
                .bind("every", revokeEvery)
                .execute());
  }

  private static String unrevokedSerial() {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "select serial from certificate where revoked_at is null order by serial limit 1")
                .mapTo(String.class)
                .one());
  }

  private static void revoke(Jdbi on, String serial) {
    on.useHandle(
        h ->
            h.createUpdate(
                    "update certificate set revoked_at = date_trunc('second', now()),"
                        + " revocation_reason = 1 where issuer_id = 'a' and serial = :serial")
                .bind("serial", serial)
                .execute());
  }

  private static byte[] bytes(CrlPublisher publisher, PublishedCrl crl) throws Exception {
    try (InputStream in = publisher.open(crl)) {
      return in.readAllBytes();
    }
  }

  @Test
  void twoInstancesServeTheSameBytesForTheSameNumberAndTheyListWhatTheDatabaseHolds()
      throws Exception {
    issue(60_000, 2); // 30,000 revoked: about 1.3 MB, served in slices
    CrlPublisher first = publisher(jdbi, pki.backend());
    CrlPublisher second = publisher(secondPool.jdbi(), pki.backend());

    assertThat(first.refresh()).containsExactly("a");
    PublishedCrl a = first.current("a").orElseThrow();
    PublishedCrl b = second.current("a").orElseThrow();
    assertThat(b).isEqualTo(a);
    assertThat(a.entries()).isEqualTo(30_000);
    byte[] der = bytes(first, a);
    assertThat(bytes(second, b)).isEqualTo(der);
    assertThat((long) der.length).isEqualTo(a.length()).isGreaterThan(1 << 20);

    Path file = Files.write(dir.resolve("a.crl"), der);
    var text =
        Openssl.run(
            "crl",
            "-inform",
            "DER",
            "-in",
            file.toString(),
            "-CAfile",
            pki.pem("a").toString(),
            "-noout",
            "-text");
    assertThat(text.output()).contains("verify OK");
    assertThat(listed(der)).isEqualTo(inDatabase());
  }

  @Test
  void concurrentBuildersOfTwoInstancesMakeOneCrl() throws Exception {
    issue(1_000, 10);
    CrlPublisher first = publisher(jdbi, pki.backend());
    CrlPublisher second = publisher(secondPool.jdbi(), pki.backend());
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<List<String>> x = pool.submit(first::refresh);
      Future<List<String>> y = pool.submit(second::refresh);
      assertThat(x.get().size() + y.get().size()).isEqualTo(1);
    } finally {
      pool.shutdown();
    }
    assertThat(first.current("a").orElseThrow().number()).isEqualTo(BigInteger.ONE);
    assertThat(first.refresh()).isEmpty();
    assertThat(second.refresh()).isEmpty();
  }

  @Test
  void aRevocationCommitsWhileACrlIsSignedAndTheNextBuildListsIt() throws Exception {
    issue(2_000, 4);
    var signing = new CountDownLatch(1);
    var release = new CountDownLatch(1);
    CrlPublisher slow = publisher(jdbi, new HeldBackend(pki.backend(), signing, release));
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<List<String>> build = pool.submit(slow::refresh);
      assertThat(signing.await(30, TimeUnit.SECONDS)).isTrue();
      String serial = unrevokedSerial();
      long t0 = System.nanoTime();
      revoke(secondPool.jdbi(), serial); // another instance revokes meanwhile
      long revokeMillis = (System.nanoTime() - t0) / 1_000_000;
      assertThat(revokeMillis).as("the revocation waited for the build").isLessThan(5_000);
      release.countDown();
      assertThat(build.get()).containsExactly("a");
      CrlPublisher other = publisher(secondPool.jdbi(), pki.backend());
      PublishedCrl built = other.current("a").orElseThrow();
      assertThat(listed(bytes(other, built))).doesNotContainKey(new BigInteger(serial, 16));
      assertThat(new JdbiCrlStore(jdbi).behind()).containsExactly("a");

      assertThat(other.refresh()).containsExactly("a");
      PublishedCrl next = other.current("a").orElseThrow();
      assertThat(next.number()).isGreaterThan(built.number());
      assertThat(listed(bytes(other, next))).containsKey(new BigInteger(serial, 16));
      assertThat(listed(bytes(other, next))).isEqualTo(inDatabase());
      assertThat(new JdbiCrlStore(jdbi).behind()).isEmpty();
    } finally {
      release.countDown();
      pool.shutdown();
    }
  }

  @Test
  void aRestartedInstanceServesTheStoredCrlWithoutBuildingAndOldOnesArePruned() throws Exception {
    issue(100, 3);
    CrlPublisher first = publisher(jdbi, pki.backend());
    for (int i = 0; i < 5; i++) {
      first.publish("a");
    }
    var counting = new CountingKeyBackend(pki.backend());
    CrlPublisher restarted = publisher(jdbi, counting);

    PublishedCrl current = restarted.current("a").orElseThrow();
    assertThat(current.number()).isEqualTo(BigInteger.valueOf(5));
    assertThat(restarted.refresh()).isEmpty();
    assertThat(counting.calls()).isZero();
    // older CRLs stay for 15 minutes, for downloads in progress; then the next build prunes them
    assertThat(storedNumbers()).containsExactly(1L, 2L, 3L, 4L, 5L);
    jdbi.useHandle(
        h -> h.execute("update crl set this_update = this_update - interval '16 minutes'"));
    restarted.publish("a");
    assertThat(storedNumbers()).containsExactly(4L, 5L, 6L);
  }

  private static List<Long> storedNumbers() {
    return jdbi.withHandle(
        h -> h.createQuery("select number from crl order by number").mapTo(Long.class).list());
  }

  @Test
  void theFirstDownloadOfACaWithoutAStoredCrlBuildsItOnce() throws Exception {
    CrlPublisher first = publisher(jdbi, pki.backend());
    PublishedCrl crl = first.current("a").orElseThrow();
    assertThat(crl.entries()).isZero();
    assertThat(first.current("a")).contains(crl);
    assertThat(new X509CRLHolder(bytes(first, crl)).getRevokedCertificates()).isEmpty();
    assertThat(first.current("nope")).isEmpty();
  }

  /** serial -> revocation time and reason, as the CRL lists them. */
  private static Map<BigInteger, String> listed(byte[] der) throws Exception {
    Map<BigInteger, String> out = new HashMap<>();
    for (Object o : new X509CRLHolder(der).getRevokedCertificates()) {
      var entry = (X509CRLEntryHolder) o;
      int reason =
          entry.getExtensions() == null
              ? 0
              : CRLReason.getInstance(
                      entry.getExtensions().getExtension(Extension.reasonCode).getParsedValue())
                  .getValue()
                  .intValue();
      out.put(entry.getSerialNumber(), entry.getRevocationDate().toInstant() + " " + reason);
    }
    return out;
  }

  private static Map<BigInteger, String> inDatabase() {
    Map<BigInteger, String> out = new HashMap<>();
    jdbi.useHandle(
        h ->
            h.createQuery(
                    "select serial, revoked_at, revocation_reason from certificate"
                        + " where revoked_at is not null")
                .map(
                    (rs, ctx) ->
                        Map.entry(
                            new BigInteger(rs.getString(1), 16),
                            rs.getTimestamp(2).toInstant().truncatedTo(ChronoUnit.SECONDS)
                                + " "
                                + rs.getInt(3)))
                .forEach(e -> out.put(e.getKey(), e.getValue())));
    return out;
  }

  /** A backend whose first signature waits until the test lets it go. */
  private static final class HeldBackend implements KeyBackend {
    private final KeyBackend delegate;
    private final CountDownLatch signing;
    private final CountDownLatch release;

    HeldBackend(KeyBackend delegate, CountDownLatch signing, CountDownLatch release) {
      this.delegate = delegate;
      this.signing = signing;
      this.release = release;
    }

    @Override
    public KeyHandle createKey(KeyName name, KeyAlgorithm algorithm) {
      return delegate.createKey(name, algorithm);
    }

    @Override
    public Optional<KeyHandle> findKey(KeyName name) {
      return delegate.findKey(name);
    }

    @Override
    public byte[] signDigest(KeyHandle key, byte[] digest) {
      signing.countDown();
      try {
        release.await(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return delegate.signDigest(key, digest);
    }
  }
}
