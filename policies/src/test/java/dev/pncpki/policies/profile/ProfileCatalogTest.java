package dev.pncpki.policies.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ProfileCatalogTest {

  static Stream<Named<CertificateProfile>> everyProfile() {
    return ProfileCatalog.all().stream().map(p -> Named.of(p.label(), p));
  }

  @Test
  void holdsEveryProfileOfEverySuite() {
    List<CertificateProfile> all = ProfileCatalog.all();

    assertThat(all).hasSize(ProfileId.values().length * Suite.values().length);
    assertThat(all).extracting(CertificateProfile::label).doesNotHaveDuplicates();
  }

  @Test
  void findsAnIso2ProfileByItsBareLabel() {
    CertificateProfile profile = ProfileCatalog.byLabel("secc-leaf");

    assertThat(profile.id()).isEqualTo(ProfileId.SECC_LEAF);
    assertThat(profile.suite()).isEqualTo(Suite.ISO15118_2);
    assertThat(profile.label()).isEqualTo("secc-leaf");
    assertThat(profile.maxEncodedBytes()).isEqualTo(800);
  }

  @Test
  void findsAnIso20ProfileByLabelAndSuite() {
    CertificateProfile profile = ProfileCatalog.byLabel("contract-leaf@iso15118-20-p521");

    assertThat(profile.id()).isEqualTo(ProfileId.CONTRACT_LEAF);
    assertThat(profile.suite()).isEqualTo(Suite.ISO15118_20_P521);
    assertThat(profile.keyAlgorithm()).isEqualTo(KeyAlgorithm.EC_P521);
    assertThat(profile.maxEncodedBytes()).isEqualTo(1600);
  }

  @ParameterizedTest
  @MethodSource("everyProfile")
  void everyLabelLeadsBackToItsProfile(CertificateProfile profile) {
    assertThat(ProfileCatalog.byLabel(profile.label())).isEqualTo(profile);
  }

  @Test
  void anUnknownProfileNamesTheKnownOnes() {
    assertThatThrownBy(() -> ProfileCatalog.byLabel("secc-leaf-ca"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("unknown profile \"secc-leaf-ca\"; known: ")
        .hasMessageContainingAll(
            Arrays.stream(ProfileId.values()).map(ProfileId::label).toArray(String[]::new));
  }

  @Test
  void anUnknownSuiteNamesTheKnownOnes() {
    assertThatThrownBy(() -> ProfileCatalog.byLabel("secc-leaf@iso15118-20"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("unknown suite \"iso15118-20\"; known: ")
        .hasMessageContainingAll(
            Arrays.stream(Suite.values()).map(Suite::label).toArray(String[]::new));
  }

  @ParameterizedTest
  @MethodSource("everyProfile")
  void everyRuleCitesTheClauseItComesFrom(CertificateProfile profile) {
    assertThat(profile.rules())
        .isNotEmpty()
        .allSatisfy(
            rule -> {
              assertThat(rule.source()).as("%s of %s", rule.name(), profile.label()).isNotNull();
              assertThat(rule.source().document()).isNotBlank();
              assertThat(rule.source().reference()).isNotBlank();
              assertThat(rule.name()).isNotBlank();
              assertThat(rule.describe()).isNotBlank();
            });
  }

  @ParameterizedTest
  @MethodSource("everyProfile")
  void everyProfileHasOneRuleOfEachKindItUses(CertificateProfile profile) {
    assertThat(profile.rules()).extracting(CertificateRule::name).doesNotHaveDuplicates();
    assertThat(profile.rules())
        .extracting(CertificateRule::name)
        .contains(
            "key-algorithm",
            "serial-number",
            "validity",
            "subject",
            "basic-constraints",
            "key-usage",
            "key-identifiers",
            "encoded-size");
  }

  @Test
  void theIso20SuitesDifferFromIso2OnlyInKeyAlgorithmAndSize() {
    for (ProfileId id : ProfileId.values()) {
      List<String> iso2 = describe(ProfileCatalog.get(id, Suite.ISO15118_2));
      for (Suite suite : List.of(Suite.ISO15118_20_P521, Suite.ISO15118_20_ED448)) {
        List<String> other = describe(ProfileCatalog.get(id, suite));
        assertThat(other).hasSameSizeAs(iso2);
        for (int i = 0; i < iso2.size(); i++) {
          if (!iso2.get(i).startsWith("key-algorithm") && !iso2.get(i).startsWith("encoded-size")) {
            assertThat(other.get(i)).as("%s in %s", id, suite).isEqualTo(iso2.get(i));
          }
        }
      }
    }
  }

  private static List<String> describe(CertificateProfile profile) {
    return profile.rules().stream().map(r -> r.name() + ": " + r.describe()).toList();
  }
}
