package dev.pncpki.bridge.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pncpki.bridge.authority.Authority;
import dev.pncpki.bridge.campaign.CurrentCertificates.Holding;
import java.io.IOException;
import java.net.ConnectException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RevokedCaSelectionTest {
  private static final String SUB_2 = "CN=PnC Demo CPO Sub-CA 2,O=pnc-pki demo CPO,C=DE";
  private static final List<Authority> CAS =
      List.of(
          new Authority("cpo-sub-ca-2", SUB_2, Authority.Status.REVOKED),
          new Authority("cpo-sub-ca-2b", "CN=2B", Authority.Status.VALID));
  private static final List<Holding> HELD =
      List.of(
          new Holding("CS-1", "V2GCertificate"),
          new Holding("CS-2", "V2GCertificate"),
          new Holding("CS-2", "ChargingStationCertificate"));

  private final RevokedCaSelection selection =
      new RevokedCaSelection(() -> CAS, issuer -> issuer.equals(SUB_2) ? HELD : List.of());

  private static void assertProblem(Runnable call, Problem problem, String detail) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              assertThat(e.problem()).isEqualTo(problem);
              assertThat(e.getMessage()).contains(detail);
            });
  }

  @Test
  void aNamedTypeTakesTheStationsHoldingThatTypeFromTheCa() {
    var chosen = selection.choose("cpo-sub-ca-2", Optional.of("ChargingStationCertificate"));
    assertThat(chosen)
        .isEqualTo(
            new RevokedCaSelection.Chosen(
                "cpo-sub-ca-2", SUB_2, "ChargingStationCertificate", List.of("CS-2")));
    assertThat(selection.choose("cpo-sub-ca-2", Optional.of("V2GCertificate")).stations())
        .containsExactly("CS-1", "CS-2");
  }

  @Test
  void eachRefusalIsItsOwnProblem() {
    assertProblem(
        () -> selection.choose("cpo-sub-ca-9", Optional.empty()),
        Problem.UNKNOWN_CA,
        "no CA \"cpo-sub-ca-9\"");
    assertProblem(
        () -> selection.choose("cpo-sub-ca-2b", Optional.empty()),
        Problem.CA_NOT_REVOKED,
        "CA cpo-sub-ca-2b is valid, not revoked");
    assertProblem(
        () -> selection.choose("cpo-sub-ca-2", Optional.empty()),
        Problem.MIXED_CERTIFICATE_TYPES,
        "V2GCertificate 2, ChargingStationCertificate 1");
    var nothingHeld = new RevokedCaSelection(() -> CAS, issuer -> List.of());
    assertProblem(
        () -> nothingHeld.choose("cpo-sub-ca-2", Optional.empty()),
        Problem.EMPTY_SELECTION,
        "no enabled station holds a current certificate issued by CA cpo-sub-ca-2");
    assertThat(Problem.UNKNOWN_CA.status()).isEqualTo(400);
    assertThat(Problem.CA_NOT_REVOKED.status()).isEqualTo(409);
    assertThat(Problem.MIXED_CERTIFICATE_TYPES.code()).isEqualTo("mixed-certificate-types");
  }

  @Test
  void aCaThatCannotBeReachedIsUnavailableNotTheCallersFault() {
    var down =
        new RevokedCaSelection(
            () -> {
              throw new ConnectException();
            },
            issuer -> List.of());
    assertProblem(
        () -> down.choose("cpo-sub-ca-2", Optional.empty()),
        Problem.CA_UNAVAILABLE,
        "could not be read, so revokedCa cannot be resolved: ConnectException");
    var refusing =
        new RevokedCaSelection(
            () -> {
              throw new IOException("CA list: HTTP 500");
            },
            issuer -> List.of());
    assertProblem(
        () -> refusing.choose("cpo-sub-ca-2", Optional.empty()),
        Problem.CA_UNAVAILABLE,
        "HTTP 500");
    assertThat(Problem.CA_UNAVAILABLE.status()).isEqualTo(503);
  }
}
