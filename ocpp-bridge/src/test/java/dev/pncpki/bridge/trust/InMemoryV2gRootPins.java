package dev.pncpki.bridge.trust;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link V2gRootPins} in memory, for unit tests; every station id counts as registered. */
public final class InMemoryV2gRootPins implements V2gRootPins {
  private final Map<String, RootFingerprint> pinned = new ConcurrentHashMap<>();
  private final Map<String, RootFingerprint> issued = new ConcurrentHashMap<>();

  @Override
  public Optional<RootFingerprint> pinned(String stationId) {
    return Optional.ofNullable(pinned.get(stationId));
  }

  @Override
  public Optional<RootFingerprint> lastIssued(String stationId) {
    return Optional.ofNullable(issued.get(stationId));
  }

  /** As if the station's last V2G certificate had been issued under {@code root}. */
  public void issued(String stationId, RootFingerprint root) {
    issued.put(stationId, root);
  }

  @Override
  public boolean pin(String stationId, RootFingerprint root, String by) {
    pinned.put(stationId, root);
    return true;
  }

  @Override
  public boolean unpin(String stationId) {
    return pinned.remove(stationId) != null;
  }
}
