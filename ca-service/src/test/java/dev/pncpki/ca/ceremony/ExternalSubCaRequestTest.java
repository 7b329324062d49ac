package dev.pncpki.ca.ceremony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pncpki.ca.keys.KeyName;
import dev.pncpki.ca.keys.SignatureVerifiers;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Sub-CA that an external root operator signs: the ceremony makes its key in the backend and a
 * PKCS#10 request for it, keeps both across runs, and makes nothing under it until its certificate
 * is imported.
 */
class ExternalSubCaRequestTest {
  private static final String EXTERNAL_SUB_CA_1 =
      """
      certificates:
        - {id: cpo-sub-ca-1-ext, profile: cpo-sub-ca-1, external: true, validityDays: 1000,
           subject: {commonName: Demo CPO Sub-CA 1 under Ext, organization: Demo CPO, country: DE}}
      """;

  @TempDir Path dir;
  private final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  private static PKCS10CertificationRequest read(Path file) throws Exception {
    try (var parser = new PEMParser(new StringReader(Files.readString(file)))) {
      return (PKCS10CertificationRequest) parser.readObject();
    }
  }

  @Test
  void theRequestCarriesTheProfilesSubjectAndCaExtensionsAndIsSignedByTheBackendKey()
      throws Exception {
    var made = TestHierarchy.in(dir);
    var outcome = made.run(EXTERNAL_SUB_CA_1, now).getFirst();

    assertThat(outcome.request()).isPresent();
    assertThat(outcome.serial()).isNull();
    PKCS10CertificationRequest csr = read(outcome.request().get());
    var key = made.backend().findKey(new KeyName("pnc-cpo-sub-ca-1-ext")).orElseThrow();
    assertThat(csr.getSubjectPublicKeyInfo()).isEqualTo(key.publicKey());
    assertThat(csr.isSignatureValid(SignatureVerifiers.forKey(key.publicKey()))).isTrue();
    assertThat(csr.getSubject().getRDNs(BCStyle.CN)[0].getFirst().getValue().toString())
        .isEqualTo("Demo CPO Sub-CA 1 under Ext");
    assertThat(csr.getSubject().getRDNs(BCStyle.O)).hasSize(1);

    var requested =
        Extensions.getInstance(
            csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)[0]
                .getAttrValues()
                .getObjectAt(0));
    assertThat(BasicConstraints.fromExtensions(requested).isCA()).isTrue();
    assertThat(KeyUsage.fromExtensions(requested).hasUsages(KeyUsage.keyCertSign)).isTrue();
    assertThat(requested.getExtension(Extension.authorityKeyIdentifier)).isNull();
    assertThat(requested.getExtension(Extension.cRLDistributionPoints)).isNull();
    assertThat(requested.getExtension(Extension.authorityInfoAccess)).isNull();
    assertThat(Files.exists(made.directory().resolve("cpo-sub-ca-1-ext.pem"))).isFalse();
  }

  @Test
  void aRunAgainKeepsTheKeyAndTheRequestTheRootOperatorMayBeSigning() throws Exception {
    var made = TestHierarchy.in(dir);
    var first = made.run(EXTERNAL_SUB_CA_1, now).getFirst();
    byte[] request = Files.readAllBytes(first.request().get());

    var again = made.run(EXTERNAL_SUB_CA_1, now.plusSeconds(60)).getFirst();

    assertThat(first.created()).isTrue();
    assertThat(again.created()).isFalse();
    assertThat(again.key()).isEqualTo(first.key());
    assertThat(Files.readAllBytes(again.request().get())).isEqualTo(request);
  }

  @Test
  void nothingUnderAnExternalSubCaIsMadeBeforeItsCertificateIsImported() throws Exception {
    var made = TestHierarchy.in(dir);
    String plan =
        EXTERNAL_SUB_CA_1
            + """
              - {id: cpo-sub-ca-2-ext, profile: cpo-sub-ca-2, issuer: cpo-sub-ca-1-ext, validityDays: 700,
                 subject: {commonName: Demo CPO Sub-CA 2 under Ext, organization: Demo CPO, country: DE}}
            """;
    assertThatThrownBy(() -> made.run(plan, now))
        .isInstanceOf(CeremonyException.class)
        .hasMessageContaining("awaits its certificate from the external root operator");
    assertThat(Files.exists(made.directory().resolve("cpo-sub-ca-2-ext.pem"))).isFalse();
  }

  @Test
  void onlyASubCaWithoutAnIssuerIsSignedExternally() {
    var made = TestHierarchy.in(dir);
    assertThatThrownBy(
            () ->
                made.run(
                    """
                    certificates:
                      - {id: root, profile: v2g-root, external: true, validityDays: 3650,
                         subject: {commonName: Not Here, organization: X, country: DE}}
                    """,
                    now))
        .hasMessageContaining("only a Sub-CA 1 or 2 is signed externally");
    assertThatThrownBy(
            () ->
                made.run(
                    TestHierarchy.CPO
                        + """
                          - {id: ext2, profile: cpo-sub-ca-2, issuer: sub1, external: true, validityDays: 30,
                             subject: {commonName: Ext 2, organization: Test CPO, country: DE}}
                        """,
                    now))
        .hasMessageContaining("an external Sub-CA names no issuer");
  }

  @Test
  void anIso15118Dash20SubCaGetsAP521KeyAndRequest() throws Exception {
    var made = TestHierarchy.in(dir);
    var outcome =
        made.run(
                """
                certificates:
                  - {id: mo-sub-ca-1-ext, profile: mo-sub-ca-1@iso15118-20-p521, external: true, validityDays: 1000,
                     subject: {commonName: Demo MO Sub-CA 1 P-521, organization: Demo MO, country: DE}}
                """,
                now)
            .getFirst();
    PKCS10CertificationRequest csr = read(outcome.request().get());
    assertThat(csr.getSignatureAlgorithm().getAlgorithm().getId())
        .isEqualTo("1.2.840.10045.4.3.4"); // ecdsa-with-SHA512
  }
}
