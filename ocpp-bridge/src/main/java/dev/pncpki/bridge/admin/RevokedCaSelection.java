package dev.pncpki.bridge.admin;

import dev.pncpki.bridge.authority.CaDirectory;
import dev.pncpki.bridge.campaign.CurrentCertificates;
import dev.pncpki.bridge.campaign.RevokedCaRotation;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * A campaign's selection {@code {"revokedCa": "cpo-sub-ca-2"}}: the CA id is looked up in the CA's
 * list ({@code GET /v1/cas}), must name a revoked CA, and selects the enabled stations whose
 * current certificate of the rotated type that CA issued. The type is the one asked for, or the
 * only one the CA issued to stations; see {@link RevokedCaRotation} for why several types are
 * refused.
 */
final class RevokedCaSelection {
  /** The stations and the certificate type of the campaign. */
  record Chosen(String caId, String subject, String certificateType, List<String> stations) {}

  private final CaDirectory cas;
  private final CurrentCertificates current;

  RevokedCaSelection(CaDirectory cas, CurrentCertificates current) {
    this.cas = cas;
    this.current = current;
  }

  Chosen choose(String caId, Optional<String> certificateType) {
    try {
      RevokedCaRotation rotation = RevokedCaRotation.resolve(caId, cas.authorities(), current);
      String type = rotation.typeToRotate(certificateType);
      return new Chosen(caId, rotation.ca().subject(), type, rotation.stations(type));
    } catch (RevokedCaRotation.Refusal e) {
      throw problem(e);
    } catch (IOException e) {
      throw Problem.CA_UNAVAILABLE.because(
          "the CA's list of CAs could not be read, so revokedCa cannot be resolved: "
              + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Problem.CA_UNAVAILABLE.because("interrupted while reading the CA's list of CAs");
    }
  }

  private static ProblemException problem(RevokedCaRotation.Refusal e) {
    Problem p =
        switch (e.reason()) {
          case UNKNOWN_CA -> Problem.UNKNOWN_CA;
          case NOT_REVOKED -> Problem.CA_NOT_REVOKED;
          case MIXED_TYPES -> Problem.MIXED_CERTIFICATE_TYPES;
          case NOT_HELD -> Problem.EMPTY_SELECTION;
        };
    return p.because(e.getMessage());
  }
}
