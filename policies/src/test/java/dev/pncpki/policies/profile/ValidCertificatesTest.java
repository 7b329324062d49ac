package dev.pncpki.policies.profile;

import static dev.pncpki.policies.profile.ProfileFixtures.issue;
import static dev.pncpki.policies.profile.ProfileFixtures.toJdk;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pncpki.policies.profile.ProfileFixtures.Issued;
import java.security.cert.X509Certificate;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every profile of every suite, built from a valid request, passes its own check. */
class ValidCertificatesTest {

  static Stream<Named<CertificateProfile>> everyProfile() {
    return ProfileCatalog.all().stream().map(p -> Named.of(p.label(), p));
  }

  @ParameterizedTest
  @MethodSource("everyProfile")
  void aCertificateBuiltFromAValidRequestHasNoViolations(CertificateProfile profile) {
    Issued issued = issue(profile);

    assertThat(profile.violations(issued.certificate())).isEmpty();
  }

  @ParameterizedTest
  @MethodSource("everyProfile")
  void theJdkParsesAndVerifiesIt(CertificateProfile profile) throws Exception {
    Issued issued = issue(profile);

    X509Certificate jdk = toJdk(issued.certificate());
    jdk.verify(issued.issuerKey());

    assertThat(profile.violations(jdk)).isEmpty();
    assertThat(jdk.getSerialNumber()).isEqualTo(issued.template().serialNumber());
    assertThat(jdk.getBasicConstraints())
        .isEqualTo(profile.id().tier().isCa() ? expectedPathLength(profile) : -1);
  }

  @ParameterizedTest
  @MethodSource("everyProfile")
  void fitsTheSuiteSizeCap(CertificateProfile profile) throws Exception {
    int size = issue(profile).certificate().getEncoded().length;

    assertThat(profile.maxEncodedBytes())
        .isEqualTo(
            profile.id() == ProfileId.CSMS_SERVER
                ? ProfileCatalog.CSMS_SERVER_MAX_BYTES
                : profile.suite().maxEncodedBytes());
    assertThat(size).isLessThanOrEqualTo(profile.maxEncodedBytes());
  }

  @ParameterizedTest
  @MethodSource("everyProfile")
  void carriesWhatTheProfileAsksFor(CertificateProfile profile) {
    var cert = issue(profile).certificate();

    assertThat(profile.keyAlgorithm().isKeyOf(cert.getSubjectPublicKeyInfo())).isTrue();
    assertThat(profile.keyAlgorithm().isSignatureOf(cert.getSignatureAlgorithm())).isTrue();
    assertThat(cert.getExtension(Extension.keyUsage).isCritical()).isTrue();
    assertThat(cert.getExtension(Extension.basicConstraints).isCritical()).isTrue();
    assertThat(SubjectRule.values(cert.getSubject(), BCStyle.CN))
        .containsExactly(ProfileFixtures.commonNameFor(profile));
    assertThat(cert.getSubject().equals(cert.getIssuer()))
        .isEqualTo(profile.id().tier() == ProfileId.Tier.ROOT);
  }

  // The JDK reports Integer.MAX_VALUE for a CA without a path length constraint.
  private static int expectedPathLength(CertificateProfile profile) {
    return profile.rule(BasicConstraintsRule.class).pathLength().orElse(Integer.MAX_VALUE);
  }
}
