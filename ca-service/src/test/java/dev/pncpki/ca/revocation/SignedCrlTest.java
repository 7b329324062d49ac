package dev.pncpki.ca.revocation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pncpki.ca.keys.KeyBackend;
import dev.pncpki.ca.keys.KeyBackendException;
import dev.pncpki.ca.keys.KeyHandle;
import dev.pncpki.ca.keys.KeyName;
import dev.pncpki.ca.testing.Openssl;
import dev.pncpki.policies.profile.KeyAlgorithm;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.TBSCertList;
import org.bouncycastle.cert.X509CRLEntryHolder;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streamed CRL encoding checked by parties that did not write it: Bouncy Castle's parser (and
 * its DER re-encoding, which must give the same bytes) and the openssl command line, on an empty
 * CRL and on one with tens of thousands of entries whose serials, dates and reasons are compared
 * one by one with what went in.
 */
class SignedCrlTest {
  @TempDir Path dir;
  private TestPki pki;
  private IssuingCa ca;
  private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  @BeforeEach
  void setUp() {
    pki = TestPki.create(dir);
    ca = pki.subCa("a");
  }

  private byte[] sign(CrlEntries entries, KeyBackend backend) throws Exception {
    SignedCrl crl =
        SignedCrl.sign(
            ca, backend, BigInteger.valueOf(42), now, now.plus(Duration.ofDays(7)), entries);
    try (InputStream in = crl.open()) {
      byte[] der = in.readAllBytes();
      assertThat((long) der.length).isEqualTo(crl.length());
      return der;
    }
  }

  @Test
  void anEmptyCrlHasNoRevokedCertificatesFieldAndVerifies() throws Exception {
    byte[] der;
    try (CrlEntries entries = CrlEntries.create()) {
      der = sign(entries, pki.backend());
    }

    var holder = new X509CRLHolder(der);
    assertThat(holder.getEncoded()).isEqualTo(der); // DER: re-encoding changes nothing
    assertThat(holder.getRevokedCertificates()).isEmpty();
    // version, signature, issuer, thisUpdate, nextUpdate, crlExtensions: no empty SEQUENCE
    var tbs = ASN1Sequence.getInstance(ASN1Sequence.getInstance(der).getObjectAt(0));
    assertThat(tbs.size()).isEqualTo(6);
    assertThat(holder.isSignatureValid(verifier())).isTrue();
    Path file = Files.write(dir.resolve("empty.crl"), der);
    var text = opensslText(file);
    assertThat(text).contains("verify OK").contains("No Revoked Certificates.");
  }

  @Test
  void twentyThousandEntriesMatchWhatWentInForBouncyCastleAndOpenssl() throws Exception {
    Random random = new Random(7);
    Map<BigInteger, RevokedEntry> expected = new HashMap<>();
    RevocationReason[] reasons = RevocationReason.values();
    byte[] der;
    try (CrlEntries entries = CrlEntries.create()) {
      for (int i = 0; i < 20_000; i++) {
        // realistic serials: 64 to 159 random bits, the top bit sometimes set (a 0x00 is added)
        var serial = new BigInteger(64 + random.nextInt(96), random).add(BigInteger.ONE);
        var entry =
            new RevokedEntry(
                serial, now.minusSeconds(random.nextInt(1_000_000)), reasons[i % reasons.length]);
        if (expected.putIfAbsent(serial, entry) == null) {
          entries.add(entry);
        }
      }
      assertThat(entries.count()).isEqualTo(expected.size());
      der = sign(entries, pki.backend());
    }

    var holder = new X509CRLHolder(der);
    assertThat(holder.getEncoded()).isEqualTo(der);
    assertThat(holder.isSignatureValid(verifier())).isTrue();
    assertThat(holder.getRevokedCertificates()).hasSize(expected.size());
    for (Object o : holder.getRevokedCertificates()) {
      X509CRLEntryHolder entry = (X509CRLEntryHolder) o;
      RevokedEntry want = expected.get(entry.getSerialNumber());
      assertThat(want).as(entry.getSerialNumber().toString(16)).isNotNull();
      assertThat(entry.getRevocationDate().toInstant()).isEqualTo(want.revokedAt());
      assertThat(reason(entry)).isEqualTo(want.reason());
    }
    Path file = Files.write(dir.resolve("large.crl"), der);
    String text = opensslText(file);
    assertThat(text).contains("verify OK").contains("X509v3 CRL Number: \n                42\n");
    assertThat(opensslEntries(text)).isEqualTo(expected.size());
  }

  @Test
  void aBackendSigningWithAnotherKeyIsRefused() {
    IssuingCa other = pki.subCa("b");
    KeyBackend wrong =
        new KeyBackend() {
          @Override
          public KeyHandle createKey(KeyName name, KeyAlgorithm algorithm) {
            throw new UnsupportedOperationException();
          }

          @Override
          public Optional<KeyHandle> findKey(KeyName name) {
            return Optional.empty();
          }

          @Override
          public byte[] signDigest(KeyHandle key, byte[] digest) {
            return pki.backend().signDigest(other.key(), digest);
          }
        };
    try (CrlEntries entries = CrlEntries.create()) {
      entries.add(new RevokedEntry(BigInteger.TEN, now, RevocationReason.KEY_COMPROMISE));
      assertThatThrownBy(() -> sign(entries, wrong))
          .isInstanceOf(KeyBackendException.class)
          .hasMessageContaining("does not verify");
    }
  }

  @Test
  void theTbsCertListIsTheOneBouncyCastleReadsBack() throws Exception {
    byte[] der;
    try (CrlEntries entries = CrlEntries.create()) {
      entries.add(new RevokedEntry(BigInteger.valueOf(255), now, RevocationReason.UNSPECIFIED));
      der = sign(entries, pki.backend());
    }
    var tbs = TBSCertList.getInstance(ASN1Sequence.getInstance(der).getObjectAt(0));
    assertThat(tbs.getVersionNumber()).isEqualTo(2);
    assertThat(tbs.getIssuer()).isEqualTo(ca.certificate().getSubject());
    assertThat(tbs.getThisUpdate().getDate().toInstant()).isEqualTo(now);
    assertThat(tbs.getNextUpdate().getDate().toInstant()).isEqualTo(now.plus(Duration.ofDays(7)));
    assertThat(tbs.getSignature()).isEqualTo(ca.key().algorithm().signatureAlgorithm());
    var entry = tbs.getRevokedCertificates()[0];
    assertThat(entry.getUserCertificate().getValue()).isEqualTo(BigInteger.valueOf(255));
    assertThat(entry.getExtensions()).isNull(); // unspecified: no reasonCode (RFC 5280 5.3.1)
  }

  private org.bouncycastle.operator.ContentVerifierProvider verifier() throws Exception {
    return new JcaContentVerifierProviderBuilder().build(ca.certificate());
  }

  private static RevocationReason reason(X509CRLEntryHolder entry) {
    if (entry.getExtensions() == null) {
      return RevocationReason.UNSPECIFIED;
    }
    var value = entry.getExtensions().getExtension(Extension.reasonCode).getParsedValue();
    return RevocationReason.ofCode(
        org.bouncycastle.asn1.x509.CRLReason.getInstance(value).getValue().intValue());
  }

  private String opensslText(Path file) {
    var result =
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
    assertThat(result.exitCode()).as(result.output()).isZero();
    return result.output();
  }

  private static int opensslEntries(String text) {
    Matcher m = Pattern.compile("Serial Number: [0-9A-F]+").matcher(text);
    int n = 0;
    while (m.find()) {
      n++;
    }
    return n;
  }
}
