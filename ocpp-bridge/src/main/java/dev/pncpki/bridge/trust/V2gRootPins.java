package dev.pncpki.bridge.trust;

import java.util.Optional;

/** Where the V2G root choices of stations are kept: an admin's pin, and the root last issued. */
public interface V2gRootPins {
  /** The root an admin chose for the station, if any. */
  Optional<RootFingerprint> pinned(String stationId);

  /** The root of the chain of the station's most recently issued V2G certificate, if known. */
  Optional<RootFingerprint> lastIssued(String stationId);

  /** Chooses {@code root} for the station; false if there is no such station. */
  boolean pin(String stationId, RootFingerprint root, String by);

  /** Drops the station's choice; false if it had none. */
  boolean unpin(String stationId);
}
