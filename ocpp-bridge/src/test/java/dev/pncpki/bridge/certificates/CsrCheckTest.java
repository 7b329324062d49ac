package dev.pncpki.bridge.certificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pncpki.bridge.station.SecurityProfile;
import dev.pncpki.bridge.station.Station;
import dev.pncpki.ca.testing.Csrs;
import dev.pncpki.policies.profile.ProfileId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which CSRs a station may send for which certificate type, and why others are refused. */
class CsrCheckTest {
  private static final String CPO = "Demo CPO";
  private static final String SECC = "DE-ICE-S-00003C4D557878675645330967543476-2";
  private static final Station STATION =
      Station.registered(
          "CS-1",
          SecurityProfile.BASIC,
          Optional.of("x"),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          List.of(SECC),
          "test",
          Instant.EPOCH);

  private static String csr(String subject, String curve) throws Exception {
    return Csrs.csr(subject, curve);
  }

  private static void refused(String pem, CertificateType type, String because) {
    assertThatThrownBy(() -> CsrCheck.check(pem, type, STATION, CPO))
        .isInstanceOfSatisfying(
            CsrCheck.Refused.class, e -> assertThat(e.reasonCode()).isEqualTo("InvalidCSR"))
        .hasMessageContaining(because);
  }

  @Test
  void aStationsOwnIdentityGetsTheChargingStationProfile() throws Exception {
    var checked =
        CsrCheck.check(
            csr("CN=CS-1, O=" + CPO, "secp256r1"), CertificateType.CHARGING_STATION, STATION, CPO);
    assertThat(checked.profile().id()).isEqualTo(ProfileId.CHARGING_STATION_CLIENT);
    assertThat(checked.identity()).isEqualTo("CS-1");
  }

  @Test
  void oneOfItsSeccIdsWithACountryGetsTheSeccProfile() throws Exception {
    var checked =
        CsrCheck.check(
            csr("CN=" + SECC + ", O=" + CPO + ", C=DE", "secp256r1"),
            CertificateType.V2G,
            STATION,
            CPO);
    assertThat(checked.profile().id()).isEqualTo(ProfileId.SECC_LEAF);
    assertThat(checked.identity()).isEqualTo(SECC);
  }

  @Test
  void theIso15118Dash20SeccCertificateTakesP521AndItsSuitesProfile() throws Exception {
    var checked =
        CsrCheck.check(
            csr("CN=" + SECC + ", O=" + CPO + ", C=DE", "secp521r1"),
            CertificateType.V2G20,
            STATION,
            CPO);
    assertThat(checked.profile().label()).isEqualTo("secc-leaf@iso15118-20-p521");
    refused(
        csr("CN=" + SECC + ", O=" + CPO + ", C=DE", "secp256r1"),
        CertificateType.V2G20,
        "secp521r1");
    refused(
        csr("CN=" + SECC + ", O=" + CPO + ", C=DE", "secp521r1"), CertificateType.V2G, "secp256r1");
    refused(csr("CN=" + SECC + ", O=" + CPO, "secp521r1"), CertificateType.V2G20, "needs C");
  }

  @Test
  void anotherStationsIdOrAnotherCpoIsRefused() throws Exception {
    refused(
        csr("CN=CS-2, O=" + CPO, "secp256r1"),
        CertificateType.CHARGING_STATION,
        "is not the station id CS-1");
    refused(
        csr("CN=CS-1, O=Other CPO", "secp256r1"),
        CertificateType.CHARGING_STATION,
        "is not the CPO Demo CPO");
    refused(csr("O=" + CPO, "secp256r1"), CertificateType.CHARGING_STATION, "no CN");
  }

  @Test
  void aV2gCsrNeedsOneOfTheStationsSeccIdsAndACountry() throws Exception {
    refused(
        csr("CN=DE-ICE-S-00003C4D557878675645330967543477-3, O=" + CPO + ", C=DE", "secp256r1"),
        CertificateType.V2G,
        "is not a SECC ID of CS-1");
    refused(
        csr("CN=" + SECC + ", O=" + CPO, "secp256r1"),
        CertificateType.V2G,
        "needs C (the country)");
  }

  @Test
  void aKeyOffP256OrAnUnreadableOrForgedCsrIsRefused() throws Exception {
    refused(
        csr("CN=CS-1, O=" + CPO, "secp384r1"),
        CertificateType.CHARGING_STATION,
        "not on secp256r1");
    refused("not a csr", CertificateType.CHARGING_STATION, "not a PEM PKCS#10 request");
    String good = csr("CN=CS-1, O=" + CPO, "secp256r1");
    // a CSR whose body was changed after signing: one base64 character of the subject flipped
    String body = good.replace("-----BEGIN CERTIFICATE REQUEST-----\n", "");
    int at = 40;
    char flipped = body.charAt(at) == 'A' ? 'B' : 'A';
    String forged =
        "-----BEGIN CERTIFICATE REQUEST-----\n"
            + body.substring(0, at)
            + flipped
            + body.substring(at + 1);
    assertThatThrownBy(() -> CsrCheck.check(forged, CertificateType.CHARGING_STATION, STATION, CPO))
        .isInstanceOf(CsrCheck.Refused.class);
  }
}
