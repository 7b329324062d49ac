package dev.pncpki.bridge.transport;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * WebSocket pings to every open station connection each {@code interval}, and the end of any
 * connection the bridge has heard nothing from (no frame, no pong) for {@code idle}: a station that
 * lost power or network is noticed and its deliveries wait for its return. OCPP-J lets either side
 * ping (1.6J section 5.3; 2.0.1 Part 4 section 5.3, WebSocketPingInterval).
 */
public final class KeepAlive implements AutoCloseable {
  /** A connection it looks after. */
  interface Connection {
    /** Pings, or closes the connection when nothing was heard for {@code idle}. */
    void keepAlive(Duration idle);
  }

  private final Set<Connection> open = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().daemon().name("keep-alive").unstarted(r));

  public KeepAlive(Duration interval, Duration idle) {
    if (!interval.isZero()) {
      timer.scheduleWithFixedDelay(
          () -> open.forEach(c -> c.keepAlive(idle)),
          interval.toMillis(),
          interval.toMillis(),
          TimeUnit.MILLISECONDS);
    }
  }

  void opened(Connection c) {
    open.add(c);
  }

  void closed(Connection c) {
    open.remove(c);
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
