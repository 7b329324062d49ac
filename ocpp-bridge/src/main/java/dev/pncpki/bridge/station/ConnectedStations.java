package dev.pncpki.bridge.station;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The stations connected to this bridge process, by id (a reconnect replaces the old session). */
public final class ConnectedStations {
  /** Told when a station's connection starts and ends (presence, the outbox). */
  public interface Listener {
    void connected(StationSession session);

    void disconnected(StationSession session);
  }

  private final Map<String, StationSession> byId = new ConcurrentHashMap<>();
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();

  public void listen(Listener listener) {
    listeners.add(listener);
  }

  /** A station connected; an older connection of the same station is closed. */
  public void connected(StationSession session) {
    StationSession previous = byId.put(session.stationId(), session);
    if (previous != null && previous != session) {
      previous.disconnect(1000, "replaced by a newer connection");
    }
    listeners.forEach(l -> l.connected(session));
  }

  public void disconnected(StationSession session) {
    if (byId.remove(session.stationId(), session)) {
      listeners.forEach(l -> l.disconnected(session));
    }
  }

  public Optional<StationSession> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  public List<StationSession> all() {
    return List.copyOf(byId.values());
  }
}
