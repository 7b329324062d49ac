package dev.pncpki.bridge.station;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A charging station that may connect: its identity (the last segment of its OCPP URL, its HTTP
 * Basic username, the CN of its charging-station certificate), how it proves it (its security
 * profile; the hash of its password for profiles 1 and 2; the certificate binding for 3), what the
 * operator knows of it, the SECC IDs whose V2G certificates it may request (OCPP 2.0.1 A02: CN =
 * SeccId), whether it is enabled, and a credential change under way: a new password sent to it and
 * not yet confirmed, or a higher security profile it is moving to.
 */
public record Station(
    String id,
    SecurityProfile profile,
    Optional<String> passwordHash,
    Optional<CertificateBinding> certificate,
    Optional<String> operator,
    Optional<String> model,
    List<String> seccIds,
    boolean enabled,
    Optional<String> pendingPasswordHash,
    Optional<SecurityProfile> targetProfile,
    String registeredBy,
    Instant registeredAt) {

  public Station {
    seccIds = List.copyOf(seccIds);
    if (profile.usesPassword() && passwordHash.isEmpty()) {
      throw new IllegalArgumentException(
          "station " + id + ": security profile " + profile.number() + " needs a password");
    }
    if (needsBinding(profile, targetProfile) && certificate.isEmpty()) {
      throw new IllegalArgumentException(
          "station " + id + ": security profile 3 needs a client certificate binding");
    }
    if (targetProfile.isPresent() && targetProfile.get().compareTo(profile) <= 0) {
      throw new IllegalArgumentException("station " + id + ": an upgrade only goes up");
    }
  }

  private static boolean needsBinding(SecurityProfile p, Optional<SecurityProfile> target) {
    return p == SecurityProfile.CLIENT_CERTIFICATE
        || target.filter(t -> t == SecurityProfile.CLIENT_CERTIFICATE).isPresent();
  }

  /** A new station, enabled, with no change under way. */
  public static Station registered(
      String id,
      SecurityProfile profile,
      Optional<String> passwordHash,
      Optional<CertificateBinding> certificate,
      Optional<String> operator,
      Optional<String> model,
      List<String> seccIds,
      String by,
      Instant at) {
    return new Station(
        id,
        profile,
        passwordHash,
        certificate,
        operator,
        model,
        seccIds,
        true,
        Optional.empty(),
        Optional.empty(),
        by,
        at);
  }
}
