package dev.pncpki.ca.revocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pncpki.ca.testing.Openssl;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CRLEntryHolder;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrlPublisherTest {
  @TempDir Path dir;

  private TestPki pki;
  private IssuingCa ca;
  private final InMemoryRevocationSource source = new InMemoryRevocationSource();
  private final InMemoryCrlStore store = new InMemoryCrlStore(source);
  private final MutableClock clock = new MutableClock(Instant.now());

  @BeforeEach
  void setUp() {
    pki = TestPki.create(dir);
    ca = pki.subCa("a");
  }

  private CrlPublisher publisher() {
    return new CrlPublisher(pki.backend(), store, List.of(ca), clock);
  }

  private X509CertificateHolder revokedLeaf(String name, RevocationReason reason) {
    X509CertificateHolder leaf = pki.leaf(ca, name);
    source.issue("a", leaf.getSerialNumber());
    source.revoke("a", leaf.getSerialNumber(), clock.instant().minusSeconds(60), reason);
    return leaf;
  }

  private byte[] der(PublishedCrl crl) {
    return store.der(crl);
  }

  private Path writeDer(PublishedCrl crl) throws Exception {
    return Files.write(pki.file("crl.der"), store.der(crl));
  }

  @Test
  void crlVerifiesWithOpensslAndListsTheRevokedSerialWithItsReason() throws Exception {
    X509CertificateHolder leaf = revokedLeaf("CS-REVOKED", RevocationReason.KEY_COMPROMISE);

    PublishedCrl crl = publisher().publish("a");
    Path der = writeDer(crl);

    var verify =
        Openssl.run(
            "crl",
            "-inform",
            "DER",
            "-in",
            der.toString(),
            "-CAfile",
            pki.pem("a").toString(),
            "-noout");
    assertThat(verify.output()).contains("verify OK");
    var text = Openssl.run("crl", "-inform", "DER", "-in", der.toString(), "-noout", "-text");
    assertThat(text.exitCode()).isZero();
    assertThat(text.output())
        .contains("Version 2")
        .contains("X509v3 CRL Number: \n                1\n")
        .contains("Next Update:")
        .contains("X509v3 Authority Key Identifier")
        .contains("Serial Number: " + opensslHex(leaf.getSerialNumber()))
        .contains("Key Compromise")
        .contains("ecdsa-with-SHA256");
    assertThat(Duration.between(crl.thisUpdate(), crl.nextUpdate())).isEqualTo(Duration.ofDays(7));
    assertThat(crl.thisUpdate()).isEqualTo(clock.instant().truncatedTo(ChronoUnit.SECONDS));
  }

  @Test
  void crlExtensionsAreNonCriticalAndTheAuthorityKeyIdIsTheCaSubjectKeyId() throws Exception {
    PublishedCrl crl = publisher().publish("a");

    var holder = new X509CRLHolder(store.der(crl));
    assertThat(holder.getExtension(Extension.cRLNumber).isCritical()).isFalse();
    assertThat(
            ASN1Integer.getInstance(holder.getExtension(Extension.cRLNumber).getParsedValue())
                .getValue())
        .isEqualTo(crl.number());
    var aki =
        org.bouncycastle.asn1.x509.AuthorityKeyIdentifier.fromExtensions(holder.getExtensions());
    var ski =
        org.bouncycastle.asn1.x509.SubjectKeyIdentifier.fromExtensions(
            ca.certificate().getExtensions());
    assertThat(aki.getKeyIdentifierOctets()).isEqualTo(ski.getKeyIdentifier());
    assertThat(holder.getIssuer()).isEqualTo(ca.certificate().getSubject());
  }

  @Test
  void unspecifiedReasonLeavesOutTheReasonCodeExtension() throws Exception {
    X509CertificateHolder plain = revokedLeaf("CS-PLAIN", RevocationReason.UNSPECIFIED);
    X509CertificateHolder superseded = revokedLeaf("CS-SUPERSEDED", RevocationReason.SUPERSEDED);

    var holder = new X509CRLHolder(der(publisher().publish("a")));

    X509CRLEntryHolder plainEntry = holder.getRevokedCertificate(plain.getSerialNumber());
    assertThat(plainEntry.getExtensions()).isNull();
    X509CRLEntryHolder supersededEntry = holder.getRevokedCertificate(superseded.getSerialNumber());
    assertThat(supersededEntry.getExtensions().getExtension(Extension.reasonCode)).isNotNull();
  }

  @Test
  void crlNumberIncreasesWithEveryPublicationAndCurrentIsTheLatest() {
    CrlPublisher publisher = publisher();

    PublishedCrl first = publisher.publish("a");
    PublishedCrl second = publisher.publish("a");

    assertThat(second.number()).isGreaterThan(first.number());
    assertThat(publisher.current("a")).contains(second);
  }

  @Test
  void opensslCrlCheckRejectsTheRevokedLeafAndAcceptsTheGoodOne() throws Exception {
    revokedLeaf("CS-REVOKED", RevocationReason.KEY_COMPROMISE);
    source.issue("a", pki.leaf(ca, "CS-GOOD").getSerialNumber());
    Path crl =
        TestPki.writePem(pki.file("crl.pem"), new X509CRLHolder(der(publisher().publish("a"))));

    var revoked = verifyWithCrl(crl, "CS-REVOKED");
    assertThat(revoked.exitCode()).as(revoked.output()).isNotZero();
    assertThat(revoked.output()).contains("certificate revoked");
    var good = verifyWithCrl(crl, "CS-GOOD");
    assertThat(good.exitCode()).as(good.output()).isZero();
    assertThat(good.output()).contains("CS-GOOD.pem: OK");
  }

  private Openssl.Result verifyWithCrl(Path crl, String leaf) {
    return Openssl.run(
        "verify",
        "-crl_check",
        "-CAfile",
        pki.pem("root").toString(),
        "-untrusted",
        pki.pem("a").toString(),
        "-CRLfile",
        crl.toString(),
        pki.pem(leaf).toString());
  }

  @Test
  void currentPublishesTheFirstCrlAndIsEmptyForAnUnknownCa() {
    CrlPublisher publisher = publisher();

    assertThat(publisher.current("a")).hasValueSatisfying(c -> assertThat(c.caId()).isEqualTo("a"));
    assertThat(publisher.current("a").orElseThrow().number()).isEqualTo(BigInteger.ONE);
    assertThat(publisher.current("nope")).isEmpty();
    assertThatThrownBy(() -> publisher.publish("nope"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nope");
  }

  @Test
  void refreshBuildsOnlyCrlsOlderThanHalfTheirPeriod() {
    CrlPublisher publisher =
        new CrlPublisher(pki.backend(), store, List.of(ca), clock, Duration.ofDays(2));

    assertThat(publisher.refresh()).containsExactly("a"); // none stored yet
    clock.advance(Duration.ofHours(23));
    assertThat(publisher.refresh()).isEmpty();
    clock.advance(Duration.ofHours(1));
    assertThat(publisher.refresh()).containsExactly("a");
    PublishedCrl refreshed = publisher.current("a").orElseThrow();
    assertThat(refreshed.number()).isEqualTo(BigInteger.TWO);
    assertThat(refreshed.nextUpdate()).isEqualTo(refreshed.thisUpdate().plus(Duration.ofDays(2)));
  }

  @Test
  void refreshBuildsACrlThatLagsARevocationOnceAndListsIt() throws Exception {
    CrlPublisher publisher = publisher();
    assertThat(publisher.refresh()).containsExactly("a");
    assertThat(publisher.refresh()).isEmpty();

    X509CertificateHolder leaf = revokedLeaf("CS-LATE", RevocationReason.SUPERSEDED);
    X509CertificateHolder other = revokedLeaf("CS-LATER", RevocationReason.KEY_COMPROMISE);

    assertThat(publisher.refresh()).containsExactly("a"); // two revocations, one CRL
    assertThat(publisher.refresh()).isEmpty();
    var holder = new X509CRLHolder(der(publisher.current("a").orElseThrow()));
    assertThat(holder.getRevokedCertificate(leaf.getSerialNumber())).isNotNull();
    assertThat(holder.getRevokedCertificate(other.getSerialNumber())).isNotNull();
  }

  @Test
  void refreshLogsAFailingCaAndTriesItAgainOnTheNextCall() {
    var backend = new CountingKeyBackend(pki.backend());
    CrlPublisher publisher = new CrlPublisher(backend, store, List.of(ca), clock);

    backend.down(true);
    assertThat(publisher.refresh()).isEmpty();
    assertThat(store.latest("a")).isEmpty();
    backend.down(false);
    assertThat(publisher.refresh()).containsExactly("a");
  }

  @Test
  void refreshLeavesACaWhoseLockAnotherInstanceHoldsAndPublishSaysBusy() throws Exception {
    CrlPublisher publisher = publisher();
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      other.submit(() -> store.lock("a").lock()).get(); // held by another thread, as by an instance
      assertThat(publisher.refresh()).isEmpty();
      assertThat(store.latest("a")).isEmpty();
      other.submit(() -> store.lock("a").unlock()).get();
      assertThat(publisher.refresh()).containsExactly("a");
    } finally {
      other.shutdown();
    }
  }

  @Test
  void concurrentPublicationsLeaveTheHighestNumberCurrent() throws Exception {
    CrlPublisher publisher = publisher();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<PublishedCrl>> futures =
          IntStream.range(0, 40).mapToObj(i -> pool.submit(() -> publisher.publish("a"))).toList();
      for (Future<PublishedCrl> f : futures) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    assertThat(publisher.current("a").orElseThrow().number())
        .isEqualTo(BigInteger.valueOf(source.lastCrlNumber("a")))
        .isEqualTo(BigInteger.valueOf(40));
    assertThat(store.stored("a")).isEqualTo(40);
  }

  @Test
  void aPeriodTooShortToRefreshIsRefused() {
    assertThatThrownBy(
            () -> new CrlPublisher(pki.backend(), store, List.of(ca), clock, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** openssl prints serials as upper-case hex in whole bytes. */
  static String opensslHex(BigInteger serial) {
    String hex = serial.toString(16).toUpperCase(java.util.Locale.ROOT);
    return hex.length() % 2 == 0 ? hex : "0" + hex;
  }
}
