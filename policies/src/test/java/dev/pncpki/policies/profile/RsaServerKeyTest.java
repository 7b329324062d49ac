package dev.pncpki.policies.profile;

import static dev.pncpki.policies.profile.ProfileFixtures.issue;
import static dev.pncpki.policies.profile.ProfileFixtures.validRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.Test;

/**
 * The CSMS server certificate may certify an RSA key, for the TLS_RSA cipher suites OCPP 2.0.1 has
 * a CSMS offer; nothing else may, and no RSA key under 2048 or over 8192 bits, nor one with an even
 * or small public exponent.
 */
class RsaServerKeyTest {
  private static final CertificateProfile CSMS = ProfileCatalog.byLabel("csms-server");

  private static KeyPair rsa(int bits) throws NoSuchAlgorithmException {
    var generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(bits);
    return generator.generateKeyPair();
  }

  @Test
  void aCsmsServerCertificateCertifiesAnRsaKeyWithKeyEnciphermentAndAnEcSignature()
      throws Exception {
    var issued = issue(CSMS, validRequest(CSMS).subjectKey(rsa(2048)));

    var holder = issued.certificate();
    assertThat(CSMS.violations(CertificateView.of(holder))).isEmpty();
    var usage = KeyUsage.fromExtensions(holder.getExtensions());
    assertThat(usage.hasUsages(KeyUsage.digitalSignature | KeyUsage.keyEncipherment)).isTrue();
    assertThat(holder.getExtension(Extension.keyUsage).isCritical()).isTrue();
    assertThat(holder.getSignatureAlgorithm().getAlgorithm())
        .isEqualTo(KeyAlgorithm.EC_P256.signatureAlgorithm().getAlgorithm());
  }

  @Test
  void anEcCsmsServerCertificateKeepsDigitalSignatureOnly() {
    var holder = issue(CSMS).certificate();
    var usage = KeyUsage.fromExtensions(holder.getExtensions());
    assertThat(usage.hasUsages(KeyUsage.keyEncipherment)).isFalse();
    assertThat(usage.hasUsages(KeyUsage.digitalSignature)).isTrue();
  }

  @Test
  void aShortRsaKeyIsRefused() throws Exception {
    var request = validRequest(CSMS).subjectKey(rsa(1024)).build();
    var e = catchThrowableOfType(ProfileViolationException.class, () -> CSMS.template(request));
    assertThat(e.violations())
        .extracting(Violation::detail)
        .containsExactly(
            "subject key is RSA 1024 bits, not secp256r1 or RSA 2048..8192 bits (odd e, 65537 <="
                + " e < 2^256)");
  }

  /** An RSA key from its modulus and exponent alone: nothing here needs the private key. */
  private static SubjectPublicKeyInfo rsa(BigInteger modulus, BigInteger exponent)
      throws Exception {
    return new SubjectPublicKeyInfo(
        new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE),
        new org.bouncycastle.asn1.pkcs.RSAPublicKey(modulus, exponent));
  }

  private static final BigInteger F4 = BigInteger.valueOf(65537);

  @Test
  void rsaKeysAreBoundedAsCaBrowserForumPracticeBoundsThem() throws Exception {
    var keys = (KeyRule) CSMS.rules().stream().filter(KeyRule.class::isInstance).findFirst().get();
    BigInteger n8192 = BigInteger.ONE.shiftLeft(8191).setBit(0);
    BigInteger n8200 = BigInteger.ONE.shiftLeft(8199).setBit(0);
    assertThat(keys.accepts(rsa(n8192, F4))).as("8192 bits").isTrue();
    assertThat(keys.accepts(rsa(n8200, F4))).as("8200 bits").isFalse();
    assertThat(keys.accepts(rsa(n8192.clearBit(0), F4))).as("even modulus").isFalse();
    assertThat(keys.accepts(rsa(n8192, BigInteger.valueOf(3)))).as("e = 3").isFalse();
    assertThat(keys.accepts(rsa(n8192, F4.add(BigInteger.ONE)))).as("even e").isFalse();
    BigInteger big = BigInteger.ONE.shiftLeft(256);
    assertThat(keys.accepts(rsa(n8192, big.subtract(BigInteger.ONE)))).as("2^256 - 1").isTrue();
    assertThat(keys.accepts(rsa(n8192, big.add(BigInteger.ONE)))).as("2^256 + 1").isFalse();
  }

  @Test
  void aTooLargeRsaKeyOrABadExponentIsRefused() throws Exception {
    var n = ((RSAPublicKey) rsa(2048).getPublic()).getModulus();
    assertThat(refusal(publicOnly(BigInteger.ONE.shiftLeft(8199).setBit(0), F4)))
        .startsWith("subject key is RSA 8200 bits, not secp256r1 or RSA 2048..8192 bits");
    assertThat(refusal(publicOnly(n, BigInteger.valueOf(3))))
        .startsWith("subject key is RSA 2048 bits, e = 3, not");
  }

  /** A key pair of which only the public half is there: templates need no more. */
  private static KeyPair publicOnly(BigInteger modulus, BigInteger exponent) throws Exception {
    var key = KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent));
    return new KeyPair(key, null);
  }

  private static String refusal(KeyPair key) {
    var request = validRequest(CSMS).subjectKey(key).build();
    var e = catchThrowableOfType(ProfileViolationException.class, () -> CSMS.template(request));
    assertThat(e).isNotNull();
    assertThat(e.violations()).hasSize(1);
    return e.violations().getFirst().detail();
  }

  @Test
  void noOtherProfileTakesAnRsaKey() throws Exception {
    KeyPair key = rsa(2048);
    for (String label : new String[] {"secc-leaf", "charging-station-client", "contract-leaf"}) {
      var profile = ProfileCatalog.byLabel(label);
      var request = validRequest(profile).subjectKey(key).build();
      var e =
          catchThrowableOfType(ProfileViolationException.class, () -> profile.template(request));
      assertThat(e).as(label).isNotNull();
      assertThat(e.violations()).extracting(Violation::rule).contains("key-algorithm");
    }
  }

  @Test
  void anRsaCertificateWithoutKeyEnciphermentBreaksTheProfile() throws Exception {
    KeyPair key = rsa(2048);
    var issued = issue(CSMS, validRequest(CSMS).subjectKey(key));
    // the same certificate checked as if keyEncipherment were not asked of RSA keys
    var plain = new KeyUsageRule(KeyUsage.digitalSignature, Clause.ocpp201("A00"));
    var out = new java.util.ArrayList<Violation>();
    plain.check(CertificateView.of(issued.certificate()), out);
    assertThat(out)
        .extracting(Violation::detail)
        .containsExactly("keyUsage is digitalSignature, keyEncipherment, must be digitalSignature");
  }
}
