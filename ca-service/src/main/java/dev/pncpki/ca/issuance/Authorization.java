package dev.pncpki.ca.issuance;

import dev.pncpki.ca.auth.Caller;
import dev.pncpki.ca.refusal.Refusal;
import dev.pncpki.ca.refusal.RefusedException;
import dev.pncpki.ca.revocation.RevocationReason;
import dev.pncpki.policies.profile.CertificateProfile;
import dev.pncpki.policies.profile.ProfileId;
import dev.pncpki.policies.profile.SubjectFields;

/**
 * Who may have which certificate issued. Admins: any issuable profile. The bridge: SECC and
 * charging-station certificates only, and only for the identity it names, so a compromised bridge
 * cannot obtain a certificate for an identity the CA would not give that station. OEM and MO
 * tenants get their certificates through the contract API, not here.
 */
final class Authorization {
  private Authorization() {}

  static void checkIssue(Caller caller, CertificateProfile profile, IssueRequest request) {
    if (caller.isAdmin()) {
      return;
    }
    if (caller.isBridge()) {
      ProfileId id = profile.id();
      if (id != ProfileId.SECC_LEAF && id != ProfileId.CHARGING_STATION_CLIENT) {
        throw new RefusedException(
            Refusal.FORBIDDEN,
            "the bridge may request secc-leaf and charging-station-client only, not "
                + profile.label());
      }
      if (request.identity().isEmpty()) {
        throw new RefusedException(
            Refusal.FORBIDDEN, "the bridge must name the station identity it asks for");
      }
      return;
    }
    throw new RefusedException(
        Refusal.FORBIDDEN, caller.name() + " may not issue " + profile.label() + " certificates");
  }

  /**
   * The bridge may only ask for the station identity it names, and only under the organization its
   * credential is bound to, so that a compromised bridge cannot get a certificate claiming another
   * CPO (OCPP 2.0.1 A00.FR.404: O is the CSO name).
   */
  static void checkIdentity(Caller caller, SubjectFields subject, IssueRequest request) {
    if (!caller.isBridge()) {
      return;
    }
    if (!request.identity().get().equals(subject.commonName())) {
      throw new RefusedException(
          Refusal.FORBIDDEN,
          "the CSR is for \""
              + subject.commonName()
              + "\" but the bridge asked for \""
              + request.identity().get()
              + "\"");
    }
    String organization =
        caller
            .organization()
            .orElseThrow(
                () ->
                    new RefusedException(
                        Refusal.FORBIDDEN, "the bridge credential names no organization"));
    if (!subject.organization().filter(organization::equals).isPresent()) {
      throw new RefusedException(
          Refusal.FORBIDDEN,
          "the CSR's organization "
              + subject.organization().orElse("(none)")
              + " is not the bridge's "
              + organization);
    }
  }

  /**
   * Admins revoke anything. The bridge revokes, as superseded, only a station certificate that its
   * own credential requested: the one a renewal replaced (the bridge's automatic renewal).
   */
  static void checkRevoke(Caller caller, CertificateRow row, RevocationReason reason) {
    if (caller.isAdmin()) {
      return;
    }
    if (caller.isBridge()
        && (row.profile().startsWith(ProfileId.SECC_LEAF.label())
            || row.profile().startsWith(ProfileId.CHARGING_STATION_CLIENT.label()))
        && caller.name().equals(row.requester())
        && reason == RevocationReason.SUPERSEDED) {
      return;
    }
    throw new RefusedException(
        Refusal.FORBIDDEN,
        caller.isBridge()
            ? "the bridge may revoke only station certificates it requested, as superseded"
            : caller.name() + " may not revoke certificates");
  }

  static void checkAdmin(Caller caller, String what) {
    if (!caller.isAdmin()) {
      throw new RefusedException(Refusal.FORBIDDEN, caller.name() + " may not " + what);
    }
  }
}
