package dev.pncpki.bridge.app;

import dev.pncpki.bridge.ocpp.OcppVersion;
import dev.pncpki.bridge.station.StationDirectory;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jetty.ee10.websocket.server.JettyServerUpgradeRequest;
import org.eclipse.jetty.ee10.websocket.server.JettyServerUpgradeResponse;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketCreator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket upgrade at {@code /ocpp/{chargingStationId}}: the station id from the path, the
 * subprotocol (ocpp2.0.1 preferred over ocpp1.6 when both are offered; anything else is refused
 * with 400 before the upgrade), and HTTP Basic for security profiles 1 and 2 (401 when it fails).
 */
final class OcppEndpoint implements JettyWebSocketCreator {
  private static final Logger LOG = LoggerFactory.getLogger(OcppEndpoint.class);
  // OCPP 2.0.1: identifierString, at most 48 characters; no '/', so one path segment
  private static final Pattern STATION_ID = Pattern.compile("[A-Za-z0-9*\\-_=:+|@.]{1,48}");

  /** Makes the listener for one accepted connection. */
  interface Sockets {
    Object open(String stationId, OcppVersion version);
  }

  private final StationDirectory stations;
  private final Sockets sockets;

  OcppEndpoint(StationDirectory stations, Sockets sockets) {
    this.stations = stations;
    this.sockets = sockets;
  }

  @Override
  public Object createWebSocket(
      JettyServerUpgradeRequest request, JettyServerUpgradeResponse response) throws IOException {
    String path = request.getRequestPath();
    String id = path.substring(path.lastIndexOf('/') + 1);
    if (!path.equals("/ocpp/" + id) || !STATION_ID.matcher(id).matches()) {
      response.sendError(404, "connect to /ocpp/{chargingStationId}");
      return null;
    }
    Optional<OcppVersion> version = choose(request.getSubProtocols());
    if (version.isEmpty()) {
      LOG.info("station {}: refused, subprotocols {}", id, request.getSubProtocols());
      response.sendError(400, "supported subprotocols: ocpp2.0.1, ocpp1.6");
      return null;
    }
    var refusal = stations.checkBasic(id, request.getHeader("Authorization"));
    if (refusal.isPresent()) {
      LOG.warn("security event: connection of {} refused: {}", id, refusal.get().reason());
      response.setHeader("WWW-Authenticate", "Basic realm=\"OCPP\"");
      response.sendError(401, "unauthorized");
      return null;
    }
    response.setAcceptedSubProtocol(version.get().subprotocol());
    return sockets.open(id, version.get());
  }

  static Optional<OcppVersion> choose(List<String> offered) {
    for (OcppVersion v : List.of(OcppVersion.OCPP201, OcppVersion.OCPP16)) {
      if (offered.contains(v.subprotocol())) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }
}
