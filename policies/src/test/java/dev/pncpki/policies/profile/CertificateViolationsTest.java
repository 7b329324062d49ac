package dev.pncpki.policies.profile;

import static dev.pncpki.policies.profile.ProfileFixtures.buildByHand;
import static dev.pncpki.policies.profile.ProfileFixtures.issue;
import static dev.pncpki.policies.profile.ProfileFixtures.issuer;
import static dev.pncpki.policies.profile.ProfileFixtures.signer;
import static dev.pncpki.policies.profile.ProfileFixtures.toJdk;
import static dev.pncpki.policies.profile.ProfileFixtures.validRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.PrivateKey;
import java.util.List;
import java.util.function.UnaryOperator;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;

/** Finished certificates that break a profile, checked the way the CA checks before release. */
class CertificateViolationsTest {

  private static final CertificateProfile SECC = ProfileCatalog.byLabel("secc-leaf");

  // A private-use arc (RFC 7229 test OID) for extensions no profile knows.
  private static final ASN1ObjectIdentifier TEST_EXTENSION =
      new ASN1ObjectIdentifier("1.3.6.1.5.5.7.13.1");

  @Test
  void aSubCa2CertificateIsNotASubCa1() {
    var subCa2 = issue(ProfileCatalog.byLabel("cpo-sub-ca-2")).certificate();

    List<Violation> violations = ProfileCatalog.byLabel("cpo-sub-ca-1").violations(subCa2);

    assertThat(violations).extracting(Violation::rule).containsExactly("basic-constraints");
    assertThat(violations.get(0).detail()).isEqualTo("pathLenConstraint is 0, must be 1");
  }

  @Test
  void aSubCa1CertificateIsNotARoot() {
    var subCa1 = issue(ProfileCatalog.byLabel("mo-sub-ca-1")).certificate();

    assertThat(ProfileCatalog.byLabel("mo-root").violations(subCa1))
        .extracting(Violation::rule)
        .contains("basic-constraints", "ocsp-access", "crl-distribution-point");
  }

  @Test
  void aSeccLeafIsNotAContractCertificate() {
    var seccLeaf = issue(SECC).certificate();

    List<Violation> violations = ProfileCatalog.byLabel("contract-leaf").violations(seccLeaf);

    assertThat(violations)
        .extracting(Violation::rule)
        .containsExactlyInAnyOrder("subject", "domain-component", "key-usage");
    assertThat(violations)
        .filteredOn(v -> v.rule().equals("key-usage"))
        .singleElement()
        .extracting(Violation::detail)
        .isEqualTo(
            "keyUsage is digitalSignature, keyAgreement, must be digitalSignature,"
                + " nonRepudiation, keyEncipherment, keyAgreement");
    assertThat(violations)
        .filteredOn(v -> v.rule().equals("subject"))
        .singleElement()
        .extracting(Violation::detail)
        .asString()
        .startsWith("CN: eMAID");
  }

  @Test
  void aCertificateSignedWithAnotherAlgorithmBreaksTheKeyRule() {
    var issued = issue(SECC);
    PrivateKey caKey = issuer(Suite.ISO15118_2).keys().getPrivate();

    var cert =
        buildByHand(issued.template(), signer("SHA384withECDSA", caKey), UnaryOperator.identity());

    List<Violation> violations = SECC.violations(cert);
    assertThat(violations).extracting(Violation::rule).containsExactly("key-algorithm");
    assertThat(violations.get(0).detail())
        .isEqualTo("signature algorithm is 1.2.840.10045.4.3.3, not 1.2.840.10045.4.3.2");
  }

  @Test
  void anIso2CertificateIsNotAnIso20One() {
    var cert = issue(SECC).certificate();

    assertThat(ProfileCatalog.byLabel("secc-leaf@iso15118-20-p521").violations(cert))
        .extracting(Violation::rule, Violation::detail)
        .containsExactly(
            tuple("key-algorithm", "subject key is secp256r1, not secp521r1"),
            tuple(
                "key-algorithm",
                "signature algorithm is 1.2.840.10045.4.3.2, not 1.2.840.10045.4.3.4"));
  }

  @Test
  void aNonCriticalKeyUsageIsReported() {
    var issued = issue(SECC);

    var cert = byHand(issued.template(), withExtension(Extension.keyUsage, false));

    assertThat(SECC.violations(cert))
        .extracting(Violation::rule, Violation::detail)
        .containsExactly(tuple("key-usage", "keyUsage is not critical"));
    assertThat(SECC.violations(toJdk(cert))).hasSize(1);
  }

  @Test
  void aNonCriticalBasicConstraintsIsReported() {
    var profile = ProfileCatalog.byLabel("cpo-sub-ca-2");
    var issued = issue(profile);

    var cert = byHand(issued.template(), withExtension(Extension.basicConstraints, false));

    assertThat(profile.violations(cert))
        .extracting(Violation::detail)
        .containsExactly("basicConstraints is not critical");
  }

  @Test
  void anExtendedKeyUsageOnASeccLeafIsReported() {
    var issued = issue(SECC);
    var serverAuth = new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth);

    var cert =
        byHand(
            issued.template(),
            extensions -> {
              extensions.add(extension(Extension.extendedKeyUsage, false, serverAuth));
              return extensions;
            });

    assertThat(SECC.violations(cert))
        .extracting(Violation::rule, Violation::detail)
        .containsExactly(tuple("extended-key-usage", "extendedKeyUsage must be absent"));
  }

  @Test
  void aCertificateWithoutKeyIdentifiersIsReported() {
    var issued = issue(SECC);

    var cert =
        byHand(
            issued.template(),
            extensions -> {
              extensions.removeIf(
                  e ->
                      e.getExtnId().equals(Extension.subjectKeyIdentifier)
                          || e.getExtnId().equals(Extension.authorityKeyIdentifier));
              return extensions;
            });

    assertThat(SECC.violations(cert))
        .extracting(Violation::detail)
        .containsExactly("subjectKeyIdentifier is missing", "authorityKeyIdentifier is missing");
  }

  @Test
  void anOversizedCertificateBreaksThe800ByteCap() throws Exception {
    var issued = issue(SECC);
    byte[] filler = new byte[400];

    var cert =
        byHand(
            issued.template(),
            extensions -> {
              extensions.add(extension(TEST_EXTENSION, false, new DEROctetString(filler)));
              return extensions;
            });

    assertThat(cert.getEncoded().length).isGreaterThan(800);
    List<Violation> violations = SECC.violations(cert);
    assertThat(violations).extracting(Violation::rule).containsExactly("encoded-size");
    assertThat(violations.get(0).detail())
        .isEqualTo("DER encoding is " + cert.getEncoded().length + " bytes, above 800");
    assertThat(ProfileCatalog.byLabel("secc-leaf@iso15118-20-p521").maxEncodedBytes())
        .isEqualTo(1600);
  }

  @Test
  void aSubjectValueWithCharactersThatRfc4514EscapesIsCheckedAsWritten() {
    var root = ProfileCatalog.byLabel("v2g-root");
    var station = ProfileCatalog.byLabel("charging-station-client");
    String caName = ("Charging, Inc. V2G Root CA " + "x".repeat(64)).substring(0, 64);
    String stationId = ("CS+1,A=B" + "0".repeat(48)).substring(0, 48);

    var rootCert = issue(root, validRequest(root).commonName(caName)).certificate();
    var stationCert = issue(station, validRequest(station).commonName(stationId)).certificate();

    assertThat(root.violations(rootCert)).isEmpty();
    assertThat(station.violations(stationCert)).isEmpty();
    assertThat(SubjectRule.values(stationCert.getSubject(), BCStyle.CN)).containsExactly(stationId);
  }

  /**
   * Rebuilds the template's certificate by hand, signed by the suite CA with the right algorithm.
   */
  private static X509CertificateHolder byHand(
      CertificateTemplate template, UnaryOperator<List<Extension>> edit) {
    Suite suite = template.profile().suite();
    PrivateKey caKey = issuer(suite).keys().getPrivate();
    String algorithm = ProfileFixtures.signatureName(suite.keyAlgorithm());
    return buildByHand(template, signer(algorithm, caKey), edit);
  }

  /** Replaces the extension {@code oid} by the same value with the given criticality. */
  private static UnaryOperator<List<Extension>> withExtension(
      ASN1ObjectIdentifier oid, boolean critical) {
    return extensions -> {
      extensions.replaceAll(
          e -> e.getExtnId().equals(oid) ? new Extension(oid, critical, e.getExtnValue()) : e);
      return extensions;
    };
  }

  private static Extension extension(
      ASN1ObjectIdentifier oid, boolean critical, ASN1Encodable value) {
    try {
      return new Extension(oid, critical, value.toASN1Primitive().getEncoded("DER"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
