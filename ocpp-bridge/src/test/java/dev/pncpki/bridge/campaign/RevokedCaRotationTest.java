package dev.pncpki.bridge.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pncpki.bridge.authority.Authority;
import dev.pncpki.bridge.campaign.CurrentCertificates.Holding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RevokedCaRotationTest {
  private static final String SUB_CA_2 = "CN=PnC Demo CPO Sub-CA 2,O=pnc-pki demo CPO,C=DE";
  private static final Authority REVOKED =
      new Authority("cpo-sub-ca-2", SUB_CA_2, Authority.Status.REVOKED);
  private static final List<Authority> CAS =
      List.of(
          new Authority(
              "cpo-sub-ca-1",
              "CN=PnC Demo CPO Sub-CA 1,O=pnc-pki demo CPO,C=DE",
              Authority.Status.VALID),
          REVOKED,
          new Authority(
              "cpo-sub-ca-2b",
              "CN=PnC Demo CPO Sub-CA 2B,O=pnc-pki demo CPO,C=DE",
              Authority.Status.VALID),
          new Authority("old-ca", "CN=Old", Authority.Status.EXPIRED));

  /** The current certificates by issuer; records which issuers were asked for. */
  private static final class Held implements CurrentCertificates {
    final Map<String, List<Holding>> byIssuer;
    final List<String> asked = new ArrayList<>();

    Held(Map<String, List<Holding>> byIssuer) {
      this.byIssuer = byIssuer;
    }

    @Override
    public List<Holding> issuedBy(String issuer) {
      asked.add(issuer);
      return byIssuer.getOrDefault(issuer, List.of());
    }
  }

  private static Holding v2g(String station) {
    return new Holding(station, "V2GCertificate");
  }

  private static Holding client(String station) {
    return new Holding(station, "ChargingStationCertificate");
  }

  @Test
  void aRevokedCaIsLookedUpByItsSubjectAndItsOneTypeIsRotated() {
    var held = new Held(Map.of(SUB_CA_2, List.of(v2g("CS-3"), v2g("CS-1"), v2g("CS-2"))));
    RevokedCaRotation r = RevokedCaRotation.resolve("cpo-sub-ca-2", CAS, held);
    assertThat(held.asked).as("matched on the issuer name").containsExactly(SUB_CA_2);
    assertThat(r.ca()).isEqualTo(REVOKED);
    assertThat(r.typeToRotate(Optional.empty())).isEqualTo("V2GCertificate");
    assertThat(r.stations("V2GCertificate")).containsExactly("CS-1", "CS-2", "CS-3");
    assertThat(r.stationCount()).isEqualTo(3);
    assertThat(r.counts()).isEqualTo("V2GCertificate 3");
    assertThat(r.command())
        .isEqualTo("bin/pnc-bridge campaign-start rotate --revoked-ca cpo-sub-ca-2 --watch");
  }

  @Test
  void anUnknownCaIsRefusedNamingTheKnownOnes() {
    assertThatThrownBy(() -> RevokedCaRotation.resolve("cpo-sub-ca-9", CAS, new Held(Map.of())))
        .isInstanceOfSatisfying(
            RevokedCaRotation.Refusal.class,
            e -> assertThat(e.reason()).isEqualTo(RevokedCaRotation.Refusal.Reason.UNKNOWN_CA))
        .hasMessageContaining("\"cpo-sub-ca-9\"")
        .hasMessageContaining("cpo-sub-ca-1, cpo-sub-ca-2, cpo-sub-ca-2b, old-ca");
  }

  @Test
  void aValidOrExpiredCaIsNotRevokedAndNothingIsLookedUp() {
    for (String id : List.of("cpo-sub-ca-2b", "old-ca")) {
      var held = new Held(Map.of());
      assertThatThrownBy(() -> RevokedCaRotation.resolve(id, CAS, held))
          .isInstanceOfSatisfying(
              RevokedCaRotation.Refusal.class,
              e -> assertThat(e.reason()).isEqualTo(RevokedCaRotation.Refusal.Reason.NOT_REVOKED))
          .hasMessageContaining("not revoked")
          .hasMessageContaining("select by issuer");
      assertThat(held.asked).isEmpty();
    }
  }

  @Test
  void bothTypesAreRefusedUnlessOneIsNamedAndV2gComesFirst() {
    var r =
        RevokedCaRotation.of(
            REVOKED, List.of(client("CS-1"), v2g("CS-1"), v2g("CS-2"), client("CS-4")));
    assertThat(r.stationsByType().keySet())
        .containsExactly("V2GCertificate", "ChargingStationCertificate");
    assertThat(r.stationCount()).as("CS-1 counts once").isEqualTo(3);
    assertThat(r.counts()).isEqualTo("V2GCertificate 2, ChargingStationCertificate 2");
    assertThatThrownBy(() -> r.typeToRotate(Optional.empty()))
        .isInstanceOfSatisfying(
            RevokedCaRotation.Refusal.class,
            e -> assertThat(e.reason()).isEqualTo(RevokedCaRotation.Refusal.Reason.MIXED_TYPES))
        .hasMessageContaining("V2GCertificate 2, ChargingStationCertificate 2")
        .hasMessageContaining("name certificateType, V2GCertificate first");
    assertThat(r.typeToRotate(Optional.of("ChargingStationCertificate")))
        .isEqualTo("ChargingStationCertificate");
    assertThat(r.stations("ChargingStationCertificate")).containsExactly("CS-1", "CS-4");
    assertThat(r.command())
        .isEqualTo(
            "bin/pnc-bridge campaign-start rotate --revoked-ca cpo-sub-ca-2"
                + " --certificate-type V2GCertificate --watch");
  }

  @Test
  void aTypeNoStationHoldsFromTheCaIsAnEmptySelection() {
    var r = RevokedCaRotation.of(REVOKED, List.of(client("CS-4")));
    assertThatThrownBy(() -> r.typeToRotate(Optional.of("V2GCertificate")))
        .isInstanceOfSatisfying(
            RevokedCaRotation.Refusal.class,
            e -> assertThat(e.reason()).isEqualTo(RevokedCaRotation.Refusal.Reason.NOT_HELD))
        .hasMessage(
            "no enabled station holds a current V2GCertificate issued by CA cpo-sub-ca-2"
                + " (they hold ChargingStationCertificate 1)");
    var none = RevokedCaRotation.of(REVOKED, List.of());
    assertThat(none.isEmpty()).isTrue();
    assertThat(none.stationCount()).isZero();
    assertThatThrownBy(() -> none.typeToRotate(Optional.empty()))
        .hasMessage("no enabled station holds a current certificate issued by CA cpo-sub-ca-2");
  }

  @Test
  void aTypeOutsideTheKnownOnesComesLast() {
    var r = RevokedCaRotation.of(REVOKED, List.of(new Holding("CS-1", "Other"), v2g("CS-2")));
    assertThat(r.stationsByType().keySet()).containsExactly("V2GCertificate", "Other");
  }

  @Test
  void theSelectionTakesExactlyOneCriterion() {
    assertThat(Selection.revoked("cpo-sub-ca-2").revokedCa()).isEqualTo("cpo-sub-ca-2");
    assertThat(Selection.revoked("cpo-sub-ca-2").stored()).isEmpty();
    assertThatThrownBy(() -> new Selection(true, null, null, null, null, "cpo-sub-ca-2"))
        .hasMessage("select exactly one of all, operator, model, issuer, stations, revokedCa");
    assertThatThrownBy(() -> Selection.revoked(" ")).hasMessage("a selection criterion is blank");
    assertThatThrownBy(() -> Selection.revoked("cpo\nsub"))
        .hasMessageStartingWith("a selection criterion");
  }
}
