package dev.pncpki.policies.profile;

import static dev.pncpki.policies.profile.ProfileFixtures.issue;
import static dev.pncpki.policies.profile.ProfileFixtures.validRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.Test;

/**
 * The CSMS server certificate may certify an RSA key, for the TLS_RSA cipher suites OCPP 2.0.1 has
 * a CSMS offer; nothing else may, and no RSA key under 2048 bits.
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
        .containsExactly("subject key is RSA 1024 bits, not secp256r1 or RSA >= 2048 bits");
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
