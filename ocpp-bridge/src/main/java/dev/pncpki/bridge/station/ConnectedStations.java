package dev.pncpki.bridge.station;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The stations connected to this bridge process, by id (a reconnect replaces the old session). */
public final class ConnectedStations {
  private final Map<String, StationSession> byId = new ConcurrentHashMap<>();

  /** A station connected; an older connection of the same station is closed. */
  public void connected(StationSession session) {
    StationSession previous = byId.put(session.stationId(), session);
    if (previous != null && previous != session) {
      previous.disconnect();
    }
  }

  public void disconnected(StationSession session) {
    byId.remove(session.stationId(), session);
  }

  public Optional<StationSession> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  public List<StationSession> all() {
    return List.copyOf(byId.values());
  }
}
