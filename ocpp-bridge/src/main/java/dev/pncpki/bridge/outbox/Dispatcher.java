package dev.pncpki.bridge.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pncpki.bridge.station.CallRefused;
import dev.pncpki.bridge.station.Channel;
import dev.pncpki.bridge.station.ConnectedStations;
import dev.pncpki.bridge.station.Route;
import dev.pncpki.bridge.station.StationSession;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox rows of the stations connected to this bridge instance, one at a time per
 * station and in order. It wakes for a station when a row is enqueued (NOTIFY from any instance, or
 * directly for its own), when the station connects, and on a periodic sweep for rows whose backoff
 * or lease has run out.
 */
public final class Dispatcher implements Sender, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

  /** Longer than a CALL's 30 s timeout: a live claimer always settles its row first. */
  static final Duration LEASE = Duration.ofSeconds(60);

  /** Told about every CALLRESULT (for example to record the certificate a station accepted). */
  public interface Listener {
    void answered(Delivery delivery, JsonNode answer);
  }

  /** Retry policy: the n-th failed attempt waits first * 2^(n-1), at most max. */
  public record Backoff(Duration first, Duration max) {
    Duration after(int attempts) {
      long factor = 1L << Math.min(Math.max(attempts - 1, 0), 20);
      Duration d = first.multipliedBy(factor);
      return d.compareTo(max) > 0 ? max : d;
    }
  }

  private final OutboxStore store;
  private final ConnectedStations stations;
  private final String instance;
  private final Function<Channel, Channel> pnc;
  private final Backoff backoff;
  private final List<Listener> listeners;
  private final Runnable tick;
  private final Map<String, AtomicInteger> wakes = new ConcurrentHashMap<>();
  private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
  private final AtomicInteger inFlight = new AtomicInteger();
  private volatile boolean running;
  private Thread listening;

  /**
   * @param pnc wraps a 1.6 station as the 2.0.1 channel of Plug &amp; Charge over DataTransfer
   * @param tick run on every sweep (the instance's heartbeat)
   */
  public Dispatcher(
      OutboxStore store,
      ConnectedStations stations,
      String instance,
      Function<Channel, Channel> pnc,
      Backoff backoff,
      List<Listener> listeners,
      Runnable tick) {
    this.store = store;
    this.stations = stations;
    this.instance = instance;
    this.pnc = pnc;
    this.backoff = backoff;
    this.listeners = List.copyOf(listeners);
    this.tick = tick;
  }

  /** Starts listening for NOTIFY on a connection of its own from {@code listen}. */
  public void start(DataSource listen, Duration sweep) {
    store.recoverOwn();
    store.sendWith(this);
    running = true;
    listening =
        Thread.ofPlatform().daemon().name("outbox-listen").start(() -> listen(listen, sweep));
  }

  /** Something may be due for the station: deliver it if the station is connected here. */
  @Override
  public void wake(String stationId) {
    if (!running || stations.find(stationId).isEmpty()) {
      return;
    }
    AtomicInteger w = wakes.computeIfAbsent(stationId, k -> new AtomicInteger());
    if (w.getAndIncrement() == 0) {
      workers.execute(() -> drain(stationId, w));
    }
  }

  /**
   * A station's turn: while it is held (the counter above zero) no other pass runs for the station,
   * and each wake meanwhile makes the pass look again. {@link OutboxStore#enqueue} takes it before
   * storing, so that the row can be stored claimed.
   */
  @Override
  public boolean takeTurn(String stationId) {
    return running
        && stations.find(stationId).isPresent()
        && wakes.computeIfAbsent(stationId, k -> new AtomicInteger()).compareAndSet(0, 1);
  }

  @Override
  public void send(String stationId, Optional<Delivery> claimed) {
    AtomicInteger w = wakes.get(stationId);
    try {
      workers.execute(() -> drain(stationId, w, claimed));
    } catch (RejectedExecutionException stopping) {
      w.set(0);
      claimed.ifPresent(d -> store.release(d.id(), instance)); // never sent: due again elsewhere
    }
  }

  private void drain(String stationId, AtomicInteger w) {
    drain(stationId, w, Optional.empty());
  }

  private void drain(String stationId, AtomicInteger w, Optional<Delivery> claimed) {
    Optional<Delivery> first = claimed;
    do {
      w.set(1); // wakes until now are served by this pass
      try {
        Optional<Delivery> next = first.isPresent() ? first : claim(stationId);
        first = Optional.empty();
        while (next.isPresent()) {
          next = deliver(stationId, next.get());
        }
      } catch (RuntimeException e) {
        LOG.warn("outbox: delivering to {} stopped: {}", stationId, e.toString());
      }
    } while (w.decrementAndGet() > 0);
  }

  /** Claims the station's next due delivery, if the station is connected here. */
  private Optional<Delivery> claim(String stationId) {
    return !running || stations.find(stationId).isEmpty()
        ? Optional.empty()
        : store.claimNext(instance, stationId, LEASE);
  }

  /** Sends a claimed delivery and settles it; returns the station's next one, claimed. */
  private Optional<Delivery> deliver(String stationId, Delivery d) {
    Optional<StationSession> session = stations.find(stationId);
    if (!running || session.isEmpty()) {
      store.release(d.id(), instance); // never sent: due again at once, the attempt not counted
      return Optional.empty();
    }
    StationSession station = session.get();
    if (d.route().connection() != station.version()) {
      store.attemptFailed(
          d.id(),
          instance,
          "written for "
              + d.route().wire()
              + " but the station now speaks "
              + station.version().subprotocol(),
          Duration.ZERO,
          false);
      return claim(stationId);
    }
    Channel channel = d.route() == Route.OCPP16_PNC ? pnc.apply(station) : station;
    JsonNode payload;
    try {
      payload = store.sendable(d);
    } catch (IllegalStateException e) { // a secret sealed with another key: it never will be sent
      failed(d, e.getMessage(), false);
      return claim(stationId);
    }
    inFlight.incrementAndGet();
    try {
      JsonNode answer = channel.call(d.action(), payload).get();
      Optional<Delivery> next = Optional.empty();
      if (running && stations.find(stationId).isPresent()) {
        next = store.answeredClaimingNext(d.id(), instance, answer, stationId, LEASE);
      } else {
        store.answered(d.id(), instance, answer);
      }
      LOG.info("outbox {}: {} to {} answered {}", d.id(), d.action(), stationId, answer);
      for (Listener l : listeners) {
        try {
          l.answered(d, answer);
        } catch (RuntimeException e) { // the answer is stored; the next delivery goes on
          LOG.warn(
              "outbox {}: recording the answer of {} failed: {}", d.id(), stationId, e.toString());
        }
      }
      return next;
    } catch (CancellationException e) {
      unanswered(d, "the station disconnected before answering");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IllegalArgumentException) {
        failed(d, cause.getMessage(), false); // breaks its schema: never sent, and never will be
      } else if (cause instanceof CallRefused) {
        failed(d, cause.getMessage(), true); // the station did not act on it: again is safe
      } else {
        unanswered(
            d,
            cause instanceof java.util.concurrent.TimeoutException
                ? "the station did not answer within 30 s"
                : String.valueOf(cause.getMessage()));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      unanswered(d, "the bridge stopped before the station answered");
      return Optional.empty();
    } finally {
      inFlight.decrementAndGet();
    }
    return claim(stationId);
  }

  /**
   * The CALL went out but no usable answer came back: the station may have acted on it. A delivery
   * sent at most once ends unconfirmed; any other is tried again.
   */
  private void unanswered(Delivery d, String error) {
    if (!Delivery.atMostOnce(d.action())) {
      failed(d, error, true);
      return;
    }
    LOG.warn(
        "outbox {}: {} to {} unconfirmed, not sent again: {}",
        d.id(),
        d.action(),
        d.stationId(),
        error);
    store.unconfirmed(d.id(), instance, error);
  }

  private void failed(Delivery d, String error, boolean retry) {
    LOG.info(
        "outbox {}: {} to {} failed (attempt {}): {}",
        d.id(),
        d.action(),
        d.stationId(),
        d.attempts(),
        error);
    store.attemptFailed(
        d.id(), instance, String.valueOf(error), backoff.after(d.attempts()), retry);
  }

  private void listen(DataSource source, Duration sweep) {
    long nextSweep = 0;
    while (running) {
      try (Connection c = source.getConnection();
          Statement s = c.createStatement()) {
        s.execute("LISTEN " + OutboxStore.CHANNEL);
        PGConnection pg = c.unwrap(PGConnection.class);
        while (running) {
          long now = System.nanoTime();
          if (now >= nextSweep) {
            nextSweep = now + sweep.toNanos();
            tick.run();
            int unconfirmed = store.settleUnconfirmed();
            if (unconfirmed > 0) {
              LOG.warn("outbox: {} delivery(ies) of a stopped instance unconfirmed", unconfirmed);
            }
            store.dueStations().forEach(this::wake);
          }
          PGNotification[] notes = pg.getNotifications((int) Math.max(sweep.toMillis() / 2, 100));
          if (notes != null) {
            for (PGNotification n : notes) {
              store.notifiedStation(n.getParameter()).ifPresent(this::wake);
            }
          }
        }
      } catch (SQLException | RuntimeException e) {
        if (running) {
          if (e instanceof SQLException s && "57P01".equals(s.getSQLState())) {
            LOG.info("outbox: PostgreSQL is shutting down; listening again in 2 s");
          } else {
            LOG.warn("outbox: listening failed, again in 2 s: {}", e.toString());
          }
          sleep(Duration.ofSeconds(2));
        }
      }
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Stops claiming and waits, at most {@code wait}, for the CALLs on the wire to be answered: run
   * while the server is stopping and the stations are still connected, so that a restart leaves
   * nothing unconfirmed that a moment's patience would have settled.
   */
  public void quiesce(Duration wait) {
    running = false;
    long until = System.nanoTime() + wait.toNanos();
    while (inFlight.get() > 0 && System.nanoTime() < until) {
      sleep(Duration.ofMillis(20));
    }
  }

  @Override
  public void close() {
    running = false;
    if (listening != null) {
      listening.interrupt();
    }
    workers.shutdownNow();
  }
}
