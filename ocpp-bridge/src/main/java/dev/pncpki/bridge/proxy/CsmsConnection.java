package dev.pncpki.bridge.proxy;

import dev.pncpki.bridge.ocpp.ErrorCode;
import dev.pncpki.bridge.ocpp.Frame;
import dev.pncpki.bridge.ocpp.Frames;
import dev.pncpki.bridge.ocpp.OcppVersion;
import dev.pncpki.bridge.station.StationSession;
import dev.pncpki.bridge.station.Upstream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.core.CloseStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One station's connection to the CSMS. Frames pass unchanged both ways: the station's CALLs the
 * bridge does not answer and its answers to the CSMS's CALLs go up, everything the CSMS sends goes
 * down, except a CALL whose message id starts with the bridge's own prefix, which the bridge
 * refuses (the station's answer would come back to the bridge). When either side closes, so does
 * the other. Public because Jetty calls its methods reflectively.
 */
public final class CsmsConnection implements Upstream, Session.Listener.AutoDemanding {
  private static final Logger LOG = LoggerFactory.getLogger(CsmsConnection.class);
  private static final int MAX_REASON = 100; // a close reason fits 123 bytes (RFC 6455 5.5)
  private final String stationId;
  private final OcppVersion version;
  private final Downstream station;
  private final Duration openingTimeout;
  private final CompletableFuture<Session> csms = new CompletableFuture<>();

  CsmsConnection(
      String stationId, OcppVersion version, Downstream station, Duration openingTimeout) {
    this.stationId = stationId;
    this.version = version;
    this.station = station;
    this.openingTimeout = openingTimeout;
  }

  /** The connection attempt; the station is disconnected if it fails. */
  @SuppressWarnings("FutureReturnValueIgnored") // the callback handles the failure
  void opening(CompletableFuture<Session> opening) {
    opening.whenComplete(
        (session, failure) -> {
          if (failure != null) {
            refuse("cannot be reached: " + cause(failure));
          } else if (!version.subprotocol().equals(accepted(session))) {
            session.close(
                StatusCode.PROTOCOL, "subprotocol " + version.subprotocol(), Callback.NOOP);
            refuse("did not accept " + version.subprotocol() + " (" + accepted(session) + ")");
          } else {
            LOG.info("station {}: connected to the CSMS ({})", stationId, version.subprotocol());
            csms.complete(session);
          }
        });
  }

  private void refuse(String why) {
    LOG.warn("station {}: the CSMS {}; the station is disconnected", stationId, why);
    csms.completeExceptionally(new IllegalStateException("the CSMS " + why));
    station.close(StatusCode.TRY_AGAIN_LATER, "the CSMS cannot be reached");
  }

  @Override
  public boolean takes(Frame.Call call) {
    return !CertificateMessages.answeredByBridge(version, call);
  }

  /**
   * Runs on the station's own (virtual) thread, one frame at a time: a frame that arrives while the
   * CSMS connection is still opening waits for it, so the order holds.
   */
  @Override
  public void forward(String text) {
    Session session;
    try {
      session = csms.get(openingTimeout.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      LOG.info("station {}: a frame was not forwarded: no CSMS connection", stationId);
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    session.sendText(text, logFailure("to the CSMS"));
  }

  @Override
  @SuppressWarnings("FutureReturnValueIgnored") // a connection that never opened needs no closing
  public void close() {
    csms.thenAccept(s -> s.close(StatusCode.SHUTDOWN, "the station disconnected", Callback.NOOP));
  }

  @Override
  @SuppressWarnings("FutureReturnValueIgnored") // no CSMS connection, no refusal to send
  public void onWebSocketText(String text) {
    if (reservedCall(text) instanceof Frame.Call call) {
      LOG.warn(
          "station {}: the CSMS sent {} with message id {}, reserved for the bridge's own CALLs;"
              + " refused",
          stationId,
          call.action(),
          call.messageId());
      String refusal =
          Frames.write(
              Frames.error(
                  version,
                  call.messageId(),
                  ErrorCode.GENERIC_ERROR,
                  "message ids starting with "
                      + StationSession.OWN_CALL_PREFIX
                      + " are reserved by the Plug & Charge bridge"));
      csms.thenAccept(s -> s.sendText(refusal, logFailure("to the CSMS")));
      return;
    }
    if (CredentialGuard.mayConcern(text) && parsed(text) instanceof Frame.Call call) {
      var refused = CredentialGuard.refusal(version, call);
      if (refused.isPresent()) {
        LOG.warn(
            "station {}: the CSMS sent {}; refused: {}", stationId, call.action(), refused.get());
        String answer =
            Frames.write(
                Frames.error(version, call.messageId(), ErrorCode.SECURITY_ERROR, refused.get()));
        csms.thenAccept(s -> s.sendText(answer, logFailure("to the CSMS")));
        return;
      }
    }
    station.send(text);
  }

  private static Frame parsed(String text) {
    try {
      return Frames.parse(text);
    } catch (Frames.BadFrame e) {
      return null; // the station answers what it cannot read
    }
  }

  /** The CALL, if the frame is one that uses the bridge's id prefix; anything else passes. */
  private static Frame reservedCall(String text) {
    if (!text.contains(StationSession.OWN_CALL_PREFIX)) {
      return null; // most frames: no need to read them
    }
    try {
      Frame frame = Frames.parse(text);
      return frame instanceof Frame.Call
              && frame.messageId().startsWith(StationSession.OWN_CALL_PREFIX)
          ? frame
          : null;
    } catch (Frames.BadFrame e) {
      return null; // the station answers what it cannot read
    }
  }

  /** The CSMS's close code and reason go to the station (1001 for one that cannot be sent). */
  @Override
  public void onWebSocketClose(int status, String reason, Callback callback) {
    LOG.info("station {}: the CSMS connection closed ({} {})", stationId, status, reason);
    csms.completeExceptionally(new IllegalStateException("closed"));
    String why = reason == null || reason.isEmpty() ? "the CSMS connection closed" : reason;
    station.close(
        CloseStatus.isTransmittableStatusCode(status) ? status : StatusCode.SHUTDOWN,
        why.length() > MAX_REASON ? why.substring(0, MAX_REASON) : why);
    callback.succeed();
  }

  @Override
  public void onWebSocketError(Throwable cause) {
    LOG.info("station {}: CSMS connection error {}", stationId, cause.toString());
  }

  private static String accepted(Session session) {
    return session.getUpgradeResponse().getAcceptedSubProtocol();
  }

  private static String cause(Throwable failure) {
    Throwable t =
        failure instanceof CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    return t.toString();
  }

  private Callback logFailure(String where) {
    return Callback.from(
        () -> {},
        failure ->
            LOG.info(
                "station {}: a frame was not sent {}: {}", stationId, where, failure.toString()));
  }
}
