package dev.pncpki.policies.profile;

import static dev.pncpki.policies.profile.ProfileFixtures.keyPair;
import static dev.pncpki.policies.profile.ProfileFixtures.signer;
import static dev.pncpki.policies.profile.ProfileFixtures.validRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pncpki.policies.profile.ProfileFixtures.RequestBuilder;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.junit.jupiter.api.Test;

/** Requests a profile refuses to turn into a template, each naming the rule it breaks. */
class TemplateRequestViolationsTest {

  private static final CertificateProfile SECC = ProfileCatalog.byLabel("secc-leaf");
  private static final CertificateProfile CONTRACT = ProfileCatalog.byLabel("contract-leaf");

  @Test
  void refusesAP521KeyForAnIso2Profile() {
    List<Violation> violations =
        violations(SECC, validRequest(SECC).subjectKey(keyPair(KeyAlgorithm.EC_P521)));

    assertThat(violations).extracting(Violation::rule).containsExactly("key-algorithm");
    assertThat(violations.get(0).detail()).isEqualTo("subject key is secp521r1, not secp256r1");
    assertThat(violations.get(0).source()).isEqualTo(Suite.ISO15118_2.source());
  }

  @Test
  void refusesAP256KeyForAnEd448Profile() {
    var profile = ProfileCatalog.byLabel("secc-leaf@iso15118-20-ed448");

    assertThat(violations(profile, validRequest(profile).subjectKey(keyPair(KeyAlgorithm.EC_P256))))
        .extracting(Violation::rule)
        .containsExactly("key-algorithm");
  }

  @Test
  void refusesAValidityOverTheCap() {
    Duration tooLong = SECC.maxValidity().plusSeconds(1);

    List<Violation> violations = violations(SECC, validRequest(SECC).validFor(tooLong));

    assertThat(violations).extracting(Violation::rule).containsExactly("validity");
    assertThat(violations.get(0).detail()).contains("exceeds the cap of 92 days");
  }

  @Test
  void refusesAnEmptyValidityPeriod() {
    List<Violation> violations = violations(SECC, validRequest(SECC).validFor(Duration.ZERO));

    assertThat(violations).extracting(Violation::rule).containsExactly("validity");
    assertThat(violations.get(0).detail()).contains("is not after notBefore");
  }

  @Test
  void refusesAMissingRequiredOcspUrl() {
    List<Violation> violations =
        violations(CONTRACT, validRequest(CONTRACT).ocspUrl(Optional.empty()));

    assertThat(violations).extracting(Violation::rule).containsExactly("ocsp-access");
    assertThat(violations.get(0).detail()).isEqualTo("an OCSP responder URL is required");
  }

  @Test
  void refusesAMissingRequiredCrlUrl() {
    assertThat(violations(SECC, validRequest(SECC).crlUrl(Optional.empty())))
        .extracting(Violation::rule)
        .containsExactly("crl-distribution-point");
  }

  @Test
  void leavesOutAnOcspUrlWhereTheProfileForbidsIt() {
    var root = ProfileCatalog.byLabel("v2g-root");

    CertificateTemplate template =
        root.template(validRequest(root).ocspUrl(Optional.of(ProfileFixtures.OCSP_URL)).build());

    assertThat(template.extensions())
        .extracting(Extension::getExtnId)
        .doesNotContain(Extension.authorityInfoAccess);
  }

  @Test
  void refusesAnEmaidWithAWrongCheckDigit() {
    List<Violation> violations =
        violations(CONTRACT, validRequest(CONTRACT).commonName("DE8AACA2B3C4D5X"));

    assertThat(violations).extracting(Violation::rule).containsExactly("subject");
    assertThat(violations.get(0).detail()).contains("check digit is X but should be L");
  }

  @Test
  void refusesAProvisioningCertificateCnThatIsNotAPcid() {
    var profile = ProfileCatalog.byLabel("oem-provisioning-leaf");

    List<Violation> violations = violations(profile, validRequest(profile).commonName("VIN-1234"));

    assertThat(violations).extracting(Violation::rule).containsExactly("subject");
    assertThat(violations.get(0).detail()).startsWith("CN: PCID");
  }

  @Test
  void asksForTheNormalFormOfAnEmaidWrittenForDisplay() {
    List<Violation> violations =
        violations(CONTRACT, validRequest(CONTRACT).commonName("de-8aa-ca2b3c4d5-l"));

    assertThat(violations).extracting(Violation::rule).containsExactly("subject");
    assertThat(violations.get(0).detail())
        .isEqualTo("CN \"de-8aa-ca2b3c4d5-l\" must be written as \"DE8AACA2B3C4D5L\"");
  }

  @Test
  void keepsASeccIdAsTheStationWritesIt() {
    String compact = "DEICES00003C4D5578786756453309675434762";

    CertificateTemplate hyphenated = SECC.template(validRequest(SECC).build());
    CertificateTemplate normal = SECC.template(validRequest(SECC).commonName(compact).build());

    assertThat(SubjectRule.values(hyphenated.subject(), BCStyle.CN))
        .containsExactly(ProfileFixtures.SECC_ID);
    assertThat(SubjectRule.values(normal.subject(), BCStyle.CN)).containsExactly(compact);
  }

  @Test
  void refusesASeccLeafCnThatIsNeitherASeccIdNorAnEvseId() {
    List<Violation> violations = violations(SECC, validRequest(SECC).commonName("CS001"));

    assertThat(violations).extracting(Violation::rule).containsExactly("subject");
    assertThat(violations.get(0).detail()).contains("is neither a SECC ID");
  }

  @Test
  void refusesAMissingOrganizationWhereRequired() {
    List<Violation> violations = violations(SECC, validRequest(SECC).organization(null));

    assertThat(violations).extracting(Violation::rule).containsExactly("subject");
    assertThat(violations.get(0).detail()).isEqualTo("O is required");
  }

  @Test
  void refusesAnOrganizationWithControlCharacters() {
    for (String o : List.of("Demo\u0000 CPO", "Demo\nCPO", "Demo\u0085CPO")) {
      List<Violation> violations = violations(SECC, validRequest(SECC).organization(o));

      assertThat(violations).extracting(Violation::rule).containsExactly("subject");
      assertThat(violations.get(0).detail()).isEqualTo("O must not hold control characters");
    }
  }

  @Test
  void acceptsAMissingCountryWhereOptional() {
    CertificateTemplate template = CONTRACT.template(validRequest(CONTRACT).country(null).build());

    assertThat(SubjectRule.values(template.subject(), BCStyle.C)).isEmpty();
  }

  @Test
  void refusesALowerCaseCountry() {
    List<Violation> violations = violations(SECC, validRequest(SECC).country("de"));

    assertThat(violations).extracting(Violation::rule).containsExactly("subject");
    assertThat(violations.get(0).detail()).contains("\"de\"").contains("upper case");
  }

  @Test
  void refusesANonPositiveSerial() {
    assertThat(violations(SECC, validRequest(SECC).serial(BigInteger.ZERO)))
        .extracting(Violation::rule)
        .containsExactly("serial-number");
  }

  @Test
  void refusesASerialLongerThanTwentyOctets() {
    BigInteger twentyOneOctets = BigInteger.ONE.shiftLeft(160);

    assertThat(violations(SECC, validRequest(SECC).serial(twentyOneOctets)))
        .extracting(Violation::rule)
        .containsExactly("serial-number");
  }

  @Test
  void reportsEveryBrokenRuleAtOnceAndNamesTheProfile() {
    RequestBuilder request =
        validRequest(CONTRACT)
            .subjectKey(keyPair(KeyAlgorithm.EC_P521))
            .validFor(Duration.ofDays(3650))
            .ocspUrl(Optional.empty())
            .country("de");

    var e =
        catchThrowableOfType(
            ProfileViolationException.class, () -> CONTRACT.template(request.build()));

    assertThat(e.profile()).isEqualTo("contract-leaf");
    assertThat(e.violations())
        .extracting(Violation::rule)
        .containsExactly("key-algorithm", "validity", "subject", "ocsp-access");
    assertThat(e.getMessage()).startsWith("profile contract-leaf: key-algorithm: ");
    assertThat(e.violations()).allSatisfy(v -> assertThat(v.source().reference()).isNotBlank());
  }

  @Test
  void aTemplateRefusesASignerOfAnotherAlgorithm() {
    var keys = keyPair(KeyAlgorithm.EC_P256);
    CertificateTemplate template = SECC.template(validRequest(SECC).build());

    assertThatThrownBy(() -> template.sign(signer("SHA384withECDSA", keys.getPrivate())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("secc-leaf")
        .hasMessageContaining(KeyAlgorithm.EC_P256.signatureAlgorithm().getAlgorithm().getId());
  }

  private static List<Violation> violations(CertificateProfile profile, RequestBuilder request) {
    TemplateRequest built = request.build();
    var e = catchThrowableOfType(ProfileViolationException.class, () -> profile.template(built));
    assertThat(e).as("template for %s should be refused", profile.label()).isNotNull();
    assertThat(e.profile()).isEqualTo(profile.label());
    return e.violations();
  }
}
