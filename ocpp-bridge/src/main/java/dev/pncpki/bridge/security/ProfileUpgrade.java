package dev.pncpki.bridge.security;

import dev.pncpki.bridge.audit.AdminAudit;
import dev.pncpki.bridge.audit.AdminAudit.AdminEvent;
import dev.pncpki.bridge.ocpp.OcppVersion;
import dev.pncpki.bridge.outbox.Delivery;
import dev.pncpki.bridge.outbox.Outbox;
import dev.pncpki.bridge.station.CertificateBinding;
import dev.pncpki.bridge.station.CredentialChanges;
import dev.pncpki.bridge.station.Route;
import dev.pncpki.bridge.station.SecurityProfile;
import dev.pncpki.bridge.station.Station;
import dev.pncpki.bridge.station.StationRefusal;
import dev.pncpki.bridge.station.StationRegistry;
import dev.pncpki.bridge.station.StationVersions;
import java.util.Optional;

/**
 * Moves a station to a higher security profile (OCPP 2.0.1 A05; 1.6 security whitepaper section 2),
 * never to a lower one. The upgrade is staged: the station keeps connecting at its profile until
 * its first connection at the new one, and from then on only the new one is admitted. OCPP 2.0.1
 * gets SetNetworkProfile with the bridge's TLS address, then (once accepted, {@link
 * CredentialAnswers}) NetworkConfigurationPriority with the new slot first, then Reset OnIdle; OCPP
 * 1.6 gets ChangeConfiguration SecurityProfile. Profile 3 needs a client certificate binding.
 */
public final class ProfileUpgrade {
  static final String ORIGIN = "security-profile ";

  /**
   * How a 2.0.1 station reaches the new profile: its network configuration slot (default 1), the
   * priority list that puts it first (default "{slot},0": the old slot stays the fallback, refused
   * only once the station connected at the new profile), and the interface (default Wired0).
   */
  public record Options(
      Optional<Integer> slot, Optional<String> priority, Optional<String> ocppInterface) {
    int configurationSlot() {
      return slot.orElse(1);
    }

    String priorityList() {
      return priority.orElse(configurationSlot() + ",0");
    }
  }

  private final StationRegistry registry;
  private final CredentialChanges changes;
  private final StationVersions versions;
  private final Outbox outbox;
  private final Optional<String> tlsUrl;
  private final AdminAudit audit;

  /** {@code tlsUrl}: where stations connect with TLS (profiles 2 and 3), without their id. */
  public ProfileUpgrade(
      StationRegistry registry,
      CredentialChanges changes,
      StationVersions versions,
      Outbox outbox,
      Optional<String> tlsUrl,
      AdminAudit audit) {
    this.registry = registry;
    this.changes = changes;
    this.versions = versions;
    this.outbox = outbox;
    this.tlsUrl = tlsUrl;
    this.audit = audit;
  }

  public Delivery upgrade(
      String actor, String stationId, int target, Optional<CertificateBinding> binding, Options o) {
    try {
      return start(actor, stationId, target, binding, o);
    } catch (StationRefusal e) {
      audit.record(
          AdminEvent.of(actor, "security-profile-upgrade", stationId, "refused", e.getMessage()));
      throw e;
    }
  }

  private Delivery start(
      String actor, String stationId, int number, Optional<CertificateBinding> binding, Options o) {
    Station station =
        registry.find(stationId).orElseThrow(() -> PasswordRotation.unknown(stationId));
    SecurityProfile target;
    try {
      target = SecurityProfile.of(number);
    } catch (IllegalArgumentException e) {
      throw new StationRefusal(StationRefusal.Reason.INVALID_FIELD, e.getMessage());
    }
    if (target.compareTo(station.profile()) <= 0) {
      throw new StationRefusal(
          StationRefusal.Reason.PROFILE_DOWNGRADE,
          stationId
              + " has security profile "
              + station.profile().number()
              + "; a profile is only ever raised, never lowered or set again (OCPP 2.0.1 A05)");
    }
    if (station.targetProfile().isPresent()
        && target.compareTo(station.targetProfile().orElseThrow()) <= 0) {
      throw new StationRefusal(
          StationRefusal.Reason.PROFILE_DOWNGRADE,
          stationId
              + " is being upgraded to security profile "
              + station.targetProfile().orElseThrow().number()
              + " already; only a higher one can replace that upgrade");
    }
    if (target == SecurityProfile.CLIENT_CERTIFICATE
        && binding.isEmpty()
        && station.certificate().isEmpty()) {
      throw new StationRefusal(
          StationRefusal.Reason.CERTIFICATE_BINDING_REQUIRED,
          "security profile 3 needs a client certificate binding: the certificate's CN or its"
              + " SHA-256 fingerprint");
    }
    OcppVersion version =
        versions.of(stationId).orElseThrow(() -> PasswordRotation.neverConnected(stationId));
    Delivery.Request first = firstStep(stationId, version, target, o);
    changes.stageUpgrade(stationId, target, binding);
    Delivery d = outbox.enqueue(first);
    audit.record(
        AdminEvent.of(
            actor,
            "security-profile-upgrade",
            stationId,
            "sent",
            "to profile " + target.number() + ": " + d.action() + ", delivery " + d.id()));
    return d;
  }

  /**
   * The first CALL of the upgrade. Profiles 2 and 3 are TLS (OCPP 2.0.1 A00.FR.301, A00.FR.401; 1.6
   * security whitepaper 2.3, 2.4), so the bridge must have an address where stations connect with
   * TLS even for 1.6, whose ChangeConfiguration does not carry it: a station moved to a TLS profile
   * that no TLS listener serves cannot connect at all.
   */
  private Delivery.Request firstStep(
      String stationId, OcppVersion version, SecurityProfile target, Options o) {
    String url =
        tlsUrl.orElseThrow(
            () ->
                new StationRefusal(
                    StationRefusal.Reason.NOT_CONFIGURED,
                    "the bridge has no TLS address for stations (stationTlsUrl): a station at"
                        + " profile 2 or 3 connects with TLS"));
    if (version == OcppVersion.OCPP16) {
      return CredentialCalls.securityProfile16(
          stationId, target.number(), Steps.origin(target, Steps.CHANGE_CONFIGURATION, o));
    }
    return CredentialCalls.networkProfile(
        stationId,
        Route.direct(version),
        o.configurationSlot(),
        url,
        target.number(),
        o.ocppInterface().orElse("Wired0"),
        Steps.origin(target, Steps.NETWORK_PROFILE, o));
  }
}
