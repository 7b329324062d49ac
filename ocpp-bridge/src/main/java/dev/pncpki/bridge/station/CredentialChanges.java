package dev.pncpki.bridge.station;

/**
 * The changes of a station's credentials that take effect in two steps: a new password is staged
 * when it is sent to the station and becomes the password once the station accepted it (or used
 * it); an upgrade of the security profile is staged when it is started and completed when the
 * station first connects at the new profile (OCPP 2.0.1 A01, A05). Each step names what it expects,
 * so that a later change is never completed by an earlier one's answer.
 */
public interface CredentialChanges {
  /** Sends nothing: records {@code hash} as the pending password, replacing any pending one. */
  void stagePassword(String stationId, String hash);

  /** The pending password {@code hash} becomes the password; false if it is no longer pending. */
  boolean promotePassword(String stationId, String hash);

  /** Forgets the pending password {@code hash}, if it is still the pending one. */
  void dropPassword(String stationId, String hash);

  /** Records the upgrade under way, with the certificate binding profile 3 needs. */
  void stageUpgrade(
      String stationId, SecurityProfile target, java.util.Optional<CertificateBinding> binding);

  /**
   * The station connected at {@code target}: it is its profile from now on; false if not staged.
   */
  boolean completeUpgrade(String stationId, SecurityProfile target);

  /** The upgrade to {@code target} will not happen (the station refused a step). */
  void cancelUpgrade(String stationId, SecurityProfile target);

  /** A change undone because its CALL ended without an answer. */
  record Released(String stationId, Change change) {
    public enum Change {
      PASSWORD,
      UPGRADE
    }
  }

  /**
   * Undoes the changes whose CALL ended without an answer: failed after its last attempt, or
   * cancelled. A pending password the station never received must not stay a second valid
   * credential, and an upgrade that cannot go on must not block the next one. {@code
   * rotationOrigin} and {@code upgradeOrigin} begin the origins of their deliveries.
   */
  java.util.List<Released> releaseUnanswered(String rotationOrigin, String upgradeOrigin);
}
