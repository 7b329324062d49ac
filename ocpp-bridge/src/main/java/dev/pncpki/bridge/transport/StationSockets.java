package dev.pncpki.bridge.transport;

import dev.pncpki.bridge.ocpp.MessageSchemas;
import dev.pncpki.bridge.ocpp.OcppVersion;
import dev.pncpki.bridge.proxy.Downstream;
import dev.pncpki.bridge.station.ConnectedStations;
import dev.pncpki.bridge.station.RouteTable;
import dev.pncpki.bridge.station.SecurityLog;
import dev.pncpki.bridge.station.StationSession;
import dev.pncpki.bridge.station.Upstream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/**
 * Makes each accepted connection's socket and session: the session answers and sends what the route
 * table of the negotiated OCPP version holds and, in proxy mode, has its own connection to the
 * CSMS.
 */
public final class StationSockets implements OcppEndpoint.Sockets {
  /** Opens a station's connection to the CSMS (proxy mode). */
  public interface Upstreams {
    Upstream connect(String stationId, OcppVersion version, Downstream station);
  }

  private final Map<OcppVersion, RouteTable> routes;
  private final MessageSchemas schemas;
  private final ConnectedStations connected;
  private final ExecutorService afterwards;
  private final SecurityLog events;
  private final KeepAlive keepAlive;
  private final Optional<Upstreams> upstreams;

  /**
   * @param routes a table for every version
   * @param afterwards runs the stations' frames and what follows an answer
   * @param upstreams empty when the bridge runs alone
   */
  public StationSockets(
      Map<OcppVersion, RouteTable> routes,
      MessageSchemas schemas,
      ConnectedStations connected,
      ExecutorService afterwards,
      SecurityLog events,
      KeepAlive keepAlive,
      Optional<Upstreams> upstreams) {
    for (OcppVersion v : OcppVersion.values()) {
      if (!routes.containsKey(v)) {
        throw new IllegalArgumentException("no route table for " + v.subprotocol());
      }
    }
    this.routes = Map.copyOf(routes);
    this.schemas = schemas;
    this.connected = connected;
    this.afterwards = afterwards;
    this.events = events;
    this.keepAlive = keepAlive;
    this.upstreams = upstreams;
  }

  @Override
  public Object open(String stationId, OcppVersion version) {
    return new StationSocket(
        stationId,
        station ->
            new StationSession(
                stationId,
                routes.get(version),
                schemas,
                station::send,
                afterwards,
                upstreams.map(u -> u.connect(stationId, version, station)).orElse(null)),
        connected,
        afterwards,
        events,
        keepAlive);
  }
}
