package dev.pncpki.bridge.transport;

import dev.pncpki.bridge.login.LoginThrottle;
import dev.pncpki.bridge.ocpp.OcppVersion;
import dev.pncpki.bridge.station.Registration;
import dev.pncpki.bridge.station.SecurityLog;
import dev.pncpki.bridge.station.StationDirectory;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.eclipse.jetty.ee10.websocket.server.JettyServerUpgradeRequest;
import org.eclipse.jetty.ee10.websocket.server.JettyServerUpgradeResponse;
import org.eclipse.jetty.ee10.websocket.server.JettyWebSocketCreator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The WebSocket upgrade at {@code /ocpp/{chargingStationId}}: the station id from the path, the
 * subprotocol (the newest of ocpp2.1, ocpp2.0.1 and ocpp1.6 that the station offers and, in proxy
 * mode, the CSMS speaks; anything else is refused with 400 before the upgrade), and the station's
 * security profile: HTTP Basic for profiles 1 and 2, TLS for 2 and 3, a client certificate with CN
 * = the station id for 3 (401 when it fails). Logins from an address or for a station id that
 * failed too often, or beyond the bridge's logins per second, are answered 429 with Retry-After
 * before any credential is checked ({@link LoginThrottle}).
 */
public final class OcppEndpoint implements JettyWebSocketCreator {
  private static final Logger LOG = LoggerFactory.getLogger(OcppEndpoint.class);

  /** Makes the listener for one accepted connection. */
  public interface Sockets {
    Object open(String stationId, OcppVersion version);
  }

  private final StationDirectory stations;
  private final Set<OcppVersion> accepted;
  private final Sockets sockets;
  private final SecurityLog events;
  private final LoginThrottle throttle;

  /**
   * @param accepted the versions stations may speak here (in proxy mode those of the CSMS)
   */
  public OcppEndpoint(
      StationDirectory stations,
      Set<OcppVersion> accepted,
      Sockets sockets,
      SecurityLog events,
      LoginThrottle throttle) {
    this.stations = stations;
    this.accepted = Set.copyOf(accepted);
    this.sockets = sockets;
    this.events = events;
    this.throttle = throttle;
  }

  @Override
  public Object createWebSocket(
      JettyServerUpgradeRequest request, JettyServerUpgradeResponse response) throws IOException {
    String path = request.getRequestPath();
    String id = path.substring(path.lastIndexOf('/') + 1);
    if (!path.equals("/ocpp/" + id) || Registration.idProblem(id).isPresent()) {
      response.sendError(404, "connect to /ocpp/{chargingStationId}");
      return null;
    }
    Optional<OcppVersion> version = choose(request.getSubProtocols(), accepted);
    if (version.isEmpty()) {
      LOG.info("station {}: refused, subprotocols {}", id, request.getSubProtocols());
      response.sendError(
          400,
          "supported subprotocols: "
              + PREFERENCE.stream()
                  .filter(accepted::contains)
                  .map(OcppVersion::subprotocol)
                  .collect(java.util.stream.Collectors.joining(", ")));
      return null;
    }
    String address = request.getHttpServletRequest().getRemoteAddr();
    var wait = throttle.admit(address, id);
    if (wait.isPresent()) {
      events.bridge(id, "ConnectionThrottled", "from " + address + ": " + wait.get().reason());
      response.setHeader("Retry-After", Long.toString(wait.get().seconds()));
      response.sendError(429, "too many failed logins: retry later");
      return null;
    }
    var refusal =
        stations.admit(
            id,
            new StationDirectory.Offer(
                request.isSecure(),
                request.getHeader("Authorization"),
                clientCertificate(request)));
    if (refusal.isPresent()) {
      throttle.failed(address, id);
      events.bridge(id, "ConnectionRefused", "from " + address + ": " + refusal.get().reason());
      response.setHeader("WWW-Authenticate", "Basic realm=\"OCPP\"");
      response.sendError(401, "unauthorized");
      return null;
    }
    throttle.succeeded(address, id);
    response.setAcceptedSubProtocol(version.get().subprotocol());
    return sockets.open(id, version.get());
  }

  /** The client certificate the TLS layer verified, if the station presented one. */
  private static Optional<StationDirectory.ClientCertificate> clientCertificate(
      JettyServerUpgradeRequest request) {
    X509Certificate[] chain = request.getCertificates();
    if (chain == null || chain.length == 0) {
      return Optional.empty();
    }
    String sha256;
    try {
      sha256 =
          HexFormat.of()
              .formatHex(MessageDigest.getInstance("SHA-256").digest(chain[0].getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    var name = new X500Name(chain[0].getSubjectX500Principal().getName());
    var cns = name.getRDNs(BCStyle.CN);
    var os = name.getRDNs(BCStyle.O);
    if (cns.length != 1) { // refused unless bound by fingerprint: not one CN
      return Optional.of(new StationDirectory.ClientCertificate("", "", sha256));
    }
    return Optional.of(
        new StationDirectory.ClientCertificate(
            IETFUtils.valueToString(cns[0].getFirst().getValue()),
            os.length == 1 ? IETFUtils.valueToString(os[0].getFirst().getValue()) : "",
            sha256));
  }

  /** The newest version both sides speak wins (OCPP 2.1 Part 4 section 3.1.2). */
  private static final List<OcppVersion> PREFERENCE =
      List.of(OcppVersion.OCPP21, OcppVersion.OCPP201, OcppVersion.OCPP16);

  /** The newest of {@code accepted} that the station offers. */
  static Optional<OcppVersion> choose(List<String> offered, Set<OcppVersion> accepted) {
    for (OcppVersion v : PREFERENCE) {
      if (accepted.contains(v) && offered.contains(v.subprotocol())) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }
}
