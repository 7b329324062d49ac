package dev.pncpki.bridge.station;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pncpki.bridge.ocpp.ErrorCode;
import dev.pncpki.bridge.ocpp.Frame;
import dev.pncpki.bridge.ocpp.Frames;
import dev.pncpki.bridge.ocpp.MessageSchemas;
import dev.pncpki.bridge.ocpp.OcppException;
import dev.pncpki.bridge.ocpp.OcppVersion;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connected station: answers its CALLs through the handlers (each payload checked against the
 * OCPP schemas both ways), and correlates the bridge's own CALLs with their results. Frames that
 * cannot be read or do not fit the schemas are answered with the CALLERROR OCPP-J defines, never
 * with an internal error. In proxy mode, the CALLs the bridge does not answer and the answers to
 * the CSMS's CALLs go to the {@link Upstream} as they came, without a schema check (the CSMS makes
 * its own).
 */
public final class StationSession implements Channel {
  private static final Logger LOG = LoggerFactory.getLogger(StationSession.class);
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * The message ids of the bridge's own CALLs start with this; a CSMS behind the bridge may not use
   * it, so a station's answer is the bridge's or the CSMS's by its id alone.
   */
  public static final String OWN_CALL_PREFIX = "pncpki-";

  /** A CALL of the bridge's, waiting for the station's answer. */
  private record Pending(String action, CompletableFuture<JsonNode> result) {}

  private final String stationId;
  private final OcppVersion version;
  private final MessageSchemas schemas;
  private final RouteTable routes;
  private final Consumer<String> sender;
  private final ExecutorService afterwards;
  private volatile java.util.function.BiConsumer<Integer, String> disconnect = (code, reason) -> {};
  private final Map<String, Pending> pending = new ConcurrentHashMap<>();
  private final Upstream upstream; // null when the bridge runs alone
  private final UUID connectionId = UUID.randomUUID();

  /** A station whose version's actions are {@code routes}, answered by the bridge alone. */
  public StationSession(
      String stationId,
      RouteTable routes,
      MessageSchemas schemas,
      Consumer<String> sender,
      ExecutorService afterwards) {
    this(stationId, routes, schemas, sender, afterwards, null);
  }

  /** In proxy mode, with the station's connection to the CSMS ({@code null}: standalone). */
  public StationSession(
      String stationId,
      RouteTable routes,
      MessageSchemas schemas,
      Consumer<String> sender,
      ExecutorService afterwards,
      Upstream upstream) {
    this.upstream = upstream;
    this.stationId = stationId;
    this.version = routes.version();
    this.schemas = schemas;
    this.routes = routes;
    this.sender = sender;
    this.afterwards = afterwards;
  }

  @Override
  public String stationId() {
    return stationId;
  }

  @Override
  public OcppVersion version() {
    return version;
  }

  /** Tells this connection from the station's earlier and later ones. */
  public UUID connectionId() {
    return connectionId;
  }

  /** A text frame from the station. */
  public void received(String text) {
    Frame frame;
    try {
      frame = Frames.parse(text);
    } catch (Frames.BadFrame e) {
      LOG.info("station {}: refused frame: {}", stationId, e.getMessage());
      send(Frames.error(version, e.messageId(), e.code(), e.getMessage()));
      return;
    }
    switch (frame) {
      case Frame.Call call when upstream != null && upstream.takes(call) -> upstream.forward(text);
      case Frame.CallResult result when forCsms(result) -> upstream.forward(text);
      case Frame.CallError error when forCsms(error) -> upstream.forward(text);
      case Frame.Call call -> answer(call);
      case Frame.CallResult result -> settle(result.messageId(), result.payload(), null);
      case Frame.CallError error ->
          settle(
              error.messageId(),
              null,
              new CallRefused(error.errorCode() + ": " + error.description()));
    }
  }

  /** In proxy mode, an answer whose id is not the bridge's answers a CALL of the CSMS's. */
  private boolean forCsms(Frame answer) {
    return upstream != null && !answer.messageId().startsWith(OWN_CALL_PREFIX);
  }

  private void answer(Frame.Call call) {
    Handler.Reply reply;
    String responseSchema;
    try {
      if (!schemas.defines(version, call.action())) {
        throw new OcppException(
            ErrorCode.NOT_IMPLEMENTED,
            call.action() + " is not an action of " + version.subprotocol());
      }
      OcppAction action =
          routes
              .find(call.action())
              .filter(a -> a.handler().isPresent())
              .orElseThrow(
                  () ->
                      new OcppException(
                          ErrorCode.NOT_SUPPORTED, call.action() + " is not supported here"));
      schemas.check(version, action.requestSchema(), call.payload());
      reply = action.handler().orElseThrow().handle(this, call.payload());
      responseSchema = action.responseSchema();
    } catch (OcppException e) {
      send(Frames.error(version, call.messageId(), e.code(), e.getMessage()));
      return;
    } catch (RuntimeException e) {
      LOG.error("station {}: {} failed", stationId, call.action(), e);
      send(Frames.error(version, call.messageId(), ErrorCode.INTERNAL_ERROR, "internal error"));
      return;
    }
    try {
      schemas.check(version, responseSchema, reply.payload());
    } catch (OcppException e) {
      LOG.error("station {}: our {} answer breaks its schema: {}", stationId, call.action(), e);
      send(Frames.error(version, call.messageId(), ErrorCode.INTERNAL_ERROR, "internal error"));
      return;
    }
    send(new Frame.CallResult(call.messageId(), reply.payload()));
    reply.then().ifPresent(afterwards::execute);
  }

  /**
   * Sends a CALL of the bridge's own; the future completes with the station's CALLRESULT payload
   * (checked against its schema), or fails on a CALLERROR, a broken answer or 30 s of silence.
   */
  @Override
  public CompletableFuture<JsonNode> call(String action, JsonNode payload) {
    if (!routes.sends(action)) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException(
              action + " is not a CALL the bridge sends on " + version.subprotocol()));
    }
    try {
      schemas.checkRequest(version, action, payload);
    } catch (OcppException e) {
      // nothing was sent: the bridge's own CALL is wrong
      return CompletableFuture.failedFuture(
          new IllegalArgumentException(action + " breaks its schema: " + e.getMessage()));
    }
    String id = newCallId();
    var result = new CompletableFuture<JsonNode>();
    pending.put(id, new Pending(action, result));
    send(new Frame.Call(id, action, payload));
    return result
        .orTimeout(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
        .whenComplete((r, e) -> pending.remove(id));
  }

  /** The prefix and 112 random bits: 35 characters, within OCPP-J's 36. */
  private static String newCallId() {
    byte[] random = new byte[14];
    RANDOM.nextBytes(random);
    return OWN_CALL_PREFIX + HexFormat.of().formatHex(random);
  }

  private void settle(String id, JsonNode payload, CallRefused failure) {
    Pending p = pending.remove(id);
    if (p == null) {
      LOG.info("station {}: answer to unknown message {}", stationId, id);
      return;
    }
    if (failure != null) {
      p.result().completeExceptionally(failure);
      return;
    }
    try {
      schemas.checkResponse(version, p.action(), payload);
      p.result().complete(payload);
    } catch (OcppException e) {
      p.result().completeExceptionally(e);
    }
  }

  /** How to end this connection (WebSocket close code and reason). */
  public void onDisconnect(java.util.function.BiConsumer<Integer, String> disconnect) {
    this.disconnect = disconnect;
  }

  /**
   * Ends the connection: a newer one of the same station replaced it, or the station may not
   * connect any more.
   */
  public void disconnect(int code, String reason) {
    disconnect.accept(code, reason);
  }

  /** The connection ended: every CALL still waiting fails; in proxy mode, the CSMS's ends too. */
  public void closed() {
    pending.values().forEach(p -> p.result().cancel(false));
    pending.clear();
    if (upstream != null) {
      upstream.close();
    }
  }

  private void send(Frame frame) {
    sender.accept(Frames.write(frame));
  }
}
