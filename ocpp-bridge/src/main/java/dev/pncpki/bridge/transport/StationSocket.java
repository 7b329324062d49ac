package dev.pncpki.bridge.transport;

import dev.pncpki.bridge.proxy.Downstream;
import dev.pncpki.bridge.station.ConnectedStations;
import dev.pncpki.bridge.station.SecurityLog;
import dev.pncpki.bridge.station.StationSession;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jetty's side of one station connection: text frames in and out of its {@link StationSession}
 * (and, in proxy mode, of its connection to the CSMS); a binary frame closes it. Public because
 * Jetty calls its methods reflectively.
 */
public final class StationSocket
    implements Session.Listener.AutoDemanding, Downstream, KeepAlive.Connection {
  private static final Logger LOG = LoggerFactory.getLogger(StationSocket.class);
  private static final int MAX_QUEUED = 64;
  private final String stationId;
  private final Function<Downstream, StationSession> sessions;
  private final ConnectedStations connected;
  private final Executor handlers;
  private final SecurityLog events;
  private final KeepAlive keepAlive;
  private volatile long lastHeard = System.nanoTime();
  private final AtomicInteger queued = new AtomicInteger();
  private CompletableFuture<Void> inbound = CompletableFuture.completedFuture(null);
  private volatile Session socket;
  private volatile StationSession session;

  StationSocket(
      String stationId,
      Function<Downstream, StationSession> sessions,
      ConnectedStations connected,
      Executor handlers,
      SecurityLog events,
      KeepAlive keepAlive) {
    this.events = events;
    this.keepAlive = keepAlive;
    this.stationId = stationId;
    this.sessions = sessions;
    this.connected = connected;
    this.handlers = handlers;
  }

  @Override
  public void onWebSocketOpen(Session socket) {
    this.socket = socket;
    this.session = sessions.apply(this);
    session.onDisconnect((code, reason) -> socket.close(code, reason, Callback.NOOP));
    connected.connected(session);
    keepAlive.opened(this);
    LOG.info("station {} connected ({})", stationId, session.version().subprotocol());
  }

  /**
   * Frames are handled off Jetty's threads (a handler may wait for the CA), one at a time per
   * station and in order. A station must wait for each answer before its next CALL (OCPP-J); one
   * with more than {@value #MAX_QUEUED} frames waiting is disconnected.
   */
  @Override
  public void onWebSocketText(String text) {
    lastHeard = System.nanoTime();
    if (queued.incrementAndGet() > MAX_QUEUED) {
      events.bridge(
          stationId, "Flooding", "more than " + MAX_QUEUED + " frames waiting; disconnected");
      socket.close(1008, "too many messages waiting", Callback.NOOP);
      return;
    }
    synchronized (this) {
      inbound =
          inbound.thenRunAsync(
              () -> {
                try {
                  session.received(text);
                } catch (RuntimeException e) {
                  // one frame's failure must not skip every later frame of the station
                  LOG.error("station {}: a frame could not be handled", stationId, e);
                } finally {
                  queued.decrementAndGet();
                }
              },
              handlers);
    }
  }

  /**
   * OCPP-J's messages are JSON text (1.6 OCPP-J section 4; 2.0.1 Part 4 section 4), carried in text
   * frames: a binary message closes the connection with 1003, the status of an endpoint that
   * received a type of data it cannot accept (RFC 6455 section 7.4.1), rather than being dropped
   * unanswered while the station waits for a reply.
   */
  @Override
  public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
    callback.succeed();
    lastHeard = System.nanoTime();
    LOG.info(
        "station {}: a binary message of {} bytes; disconnected", stationId, payload.remaining());
    socket.close(StatusCode.BAD_DATA, "OCPP-J takes text frames only", Callback.NOOP);
  }

  @Override
  public void onWebSocketClose(int status, String reason) {
    LOG.info("station {} disconnected ({} {})", stationId, status, reason);
    keepAlive.closed(this);
    if (session != null) {
      connected.disconnected(session);
      session.closed();
    }
  }

  @Override
  public void onWebSocketPong(ByteBuffer payload) {
    lastHeard = System.nanoTime();
  }

  @Override
  public void keepAlive(Duration idle) {
    Session s = socket;
    if (s == null || !s.isOpen()) {
      return;
    }
    if (System.nanoTime() - lastHeard > idle.toNanos()) {
      LOG.info("station {}: nothing heard for {} s; disconnected", stationId, idle.toSeconds());
      s.close(1001, "idle", Callback.NOOP);
      return;
    }
    s.sendPing(ByteBuffer.allocate(0), Callback.NOOP);
  }

  @Override
  public void onWebSocketError(Throwable cause) {
    LOG.info("station {}: connection error {}", stationId, cause.toString());
  }

  @Override
  public void close(int status, String reason) {
    Session s = socket;
    if (s != null && s.isOpen()) {
      s.close(status, reason, Callback.NOOP);
    }
  }

  @Override
  public void send(String text) {
    Session s = socket;
    if (s == null || !s.isOpen()) {
      return;
    }
    s.sendText(
        text,
        Callback.from(
            () -> {},
            failure ->
                LOG.info("station {}: a frame was not sent: {}", stationId, failure.toString())));
  }
}
