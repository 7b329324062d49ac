package dev.pncpki.bridge.security;

import dev.pncpki.bridge.audit.AdminAudit;
import dev.pncpki.bridge.audit.AdminAudit.AdminEvent;
import dev.pncpki.bridge.ocpp.OcppVersion;
import dev.pncpki.bridge.outbox.Delivery;
import dev.pncpki.bridge.outbox.Outbox;
import dev.pncpki.bridge.station.CredentialChanges;
import dev.pncpki.bridge.station.PasswordHash;
import dev.pncpki.bridge.station.Passwords;
import dev.pncpki.bridge.station.Station;
import dev.pncpki.bridge.station.StationRefusal;
import dev.pncpki.bridge.station.StationRegistry;
import dev.pncpki.bridge.station.StationVersions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Rotates a station's HTTP Basic password (OCPP 2.0.1 A01; 1.6 AuthorizationKey): the new password
 * (given, or made: 160 random bits) goes to the station through the outbox, sealed while it waits;
 * the bridge keeps its hash as pending, so that the old password keeps working until the station
 * accepted the new one, or logged in with it ({@link CredentialAnswers}), and stays the password if
 * the station refuses.
 */
public final class PasswordRotation {
  static final String ORIGIN = "password-rotation ";
  // OCPP 1.6 AuthorizationKey: 16 to 20 bytes, written as hex (security whitepaper, section 2)
  private static final Pattern AUTHORIZATION_KEY = Pattern.compile("([0-9a-fA-F]{2}){16,20}");

  /** The delivery on its way, and the made password, shown this once. */
  public record Rotation(Delivery delivery, Optional<String> generatedPassword) {}

  private final StationRegistry registry;
  private final CredentialChanges changes;
  private final StationVersions versions;
  private final Outbox outbox;
  private final boolean secretsKept;
  private final AdminAudit audit;

  public PasswordRotation(
      StationRegistry registry,
      CredentialChanges changes,
      StationVersions versions,
      Outbox outbox,
      boolean secretsKept,
      AdminAudit audit) {
    this.registry = registry;
    this.changes = changes;
    this.versions = versions;
    this.outbox = outbox;
    this.secretsKept = secretsKept;
    this.audit = audit;
  }

  public Rotation rotate(String actor, String stationId, Optional<String> given) {
    try {
      return send(actor, stationId, given);
    } catch (StationRefusal e) {
      audit.record(AdminEvent.of(actor, "password-rotate", stationId, "refused", e.getMessage()));
      throw e;
    }
  }

  private Rotation send(String actor, String stationId, Optional<String> given) {
    Station station = registry.find(stationId).orElseThrow(() -> unknown(stationId));
    if (!station.profile().usesPassword()) {
      throw new StationRefusal(
          StationRefusal.Reason.INVALID_FIELD,
          stationId + " has security profile 3: it authenticates by client certificate");
    }
    if (station.pendingPasswordHash().isPresent()) {
      // a second password on top of one the station may have taken would leave the bridge and
      // the station with different passwords, whichever answer came first
      throw new StationRefusal(
          StationRefusal.Reason.CHANGE_PENDING,
          stationId
              + " has a new password under way: it ends when the station answers, logs in with"
              + " it after a reboot, or its CALL fails or is cancelled");
    }
    OcppVersion version = versions.of(stationId).orElseThrow(() -> neverConnected(stationId));
    if (!secretsKept) {
      throw new StationRefusal(
          StationRefusal.Reason.NOT_CONFIGURED,
          "the bridge has no secret key (secretKeyFile) to keep the password while it waits");
    }
    String password = given.orElseGet(Passwords::generate);
    Passwords.problem(password)
        .ifPresent(
            e -> {
              throw e;
            });
    if (version == OcppVersion.OCPP16 && !AUTHORIZATION_KEY.matcher(password).matches()) {
      throw new StationRefusal(
          StationRefusal.Reason.INVALID_PASSWORD,
          "an OCPP 1.6 AuthorizationKey is 16 to 20 bytes written as 32 to 40 hex digits");
    }
    String hash = PasswordHash.of(password);
    changes.stagePassword(stationId, hash);
    Delivery d =
        outbox.enqueue(
            CredentialCalls.password(stationId, version, ORIGIN + token(hash))
                .withSecret(password));
    audit.record(
        AdminEvent.of(
            actor,
            "password-rotate",
            stationId,
            "sent",
            d.action() + ", delivery " + d.id() + (given.isEmpty() ? ", password generated" : "")));
    return new Rotation(d, given.isPresent() ? Optional.empty() : Optional.of(password));
  }

  /** Names a pending hash in a delivery's origin without showing it. */
  static String token(String hash) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(hash.getBytes(StandardCharsets.US_ASCII));
      return HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static StationRefusal unknown(String id) {
    return new StationRefusal(
        StationRefusal.Reason.UNKNOWN_STATION, "no station " + id + " is registered");
  }

  static StationRefusal neverConnected(String id) {
    return new StationRefusal(
        StationRefusal.Reason.NOT_CONNECTED_YET,
        "station " + id + " has never connected: its OCPP version is not known yet");
  }
}
