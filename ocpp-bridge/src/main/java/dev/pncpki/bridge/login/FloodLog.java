package dev.pncpki.bridge.login;

import dev.pncpki.bridge.station.SecurityLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Security events as a flood leaves them: of each kind for each station (and source), the first in
 * a window is recorded at once, and the rest of that window as one event with their count and the
 * last one's detail when the window ends. At most {@code maxKeys} stations are told apart per
 * window; events for more (a flood of made-up station ids) are counted under {@link #MANY}. Once
 * closed (the bridge stopping), events are recorded one by one, as no window will end any more.
 */
public final class FloodLog implements SecurityLog, AutoCloseable {
  /** The station id of events for more stations than a window tells apart; no id has "(". */
  public static final String MANY = "(many stations)";

  private static final int DEFAULT_MAX_KEYS = 1000;

  private record Key(boolean fromStation, String stationId, String type) {}

  private static final class Tally {
    int more;
    String lastDetail;
  }

  private final SecurityLog log;
  private final Duration window;
  private final int maxKeys;
  private Map<Key, Tally> current = new HashMap<>();
  private ScheduledExecutorService timer;
  private boolean closed;

  public FloodLog(SecurityLog log, Duration window) {
    this(log, window, DEFAULT_MAX_KEYS);
  }

  FloodLog(SecurityLog log, Duration window, int maxKeys) {
    this.log = log;
    this.window = window;
    this.maxKeys = maxKeys;
  }

  /** Ends a window every {@code window}, on a thread of its own. */
  public synchronized void start() {
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("security-event-window").unstarted(r));
    long millis = window.toMillis();
    timer.scheduleAtFixedRate(this::endWindow, millis, millis, TimeUnit.MILLISECONDS);
  }

  @Override
  public void bridge(String stationId, String type, String detail) {
    note(false, stationId, type, detail);
  }

  @Override
  public void station(String stationId, String type, String detail) {
    note(true, stationId, type, detail);
  }

  private void note(boolean fromStation, String stationId, String type, String detail) {
    boolean first;
    String id = stationId;
    synchronized (this) {
      Key key = new Key(fromStation, stationId, type);
      if (closed) {
        first = true; // no window ends any more: each event is recorded as it comes
      } else {
        if (!current.containsKey(key) && current.size() >= maxKeys) {
          key = new Key(fromStation, MANY, type);
          id = MANY;
        }
        Tally tally = current.get(key);
        first = tally == null;
        if (first) {
          current.put(key, new Tally());
        } else {
          tally.more++;
          tally.lastDetail = detail;
        }
      }
    }
    if (first) {
      write(fromStation, id, type, detail, 1);
    }
  }

  /** Records the counts of the window that ends now; the next one starts empty. */
  public void endWindow() {
    Map<Key, Tally> ended;
    synchronized (this) {
      ended = current;
      current = new HashMap<>();
    }
    List<Map.Entry<Key, Tally>> repeated = new ArrayList<>();
    ended.entrySet().stream().filter(e -> e.getValue().more > 0).forEach(repeated::add);
    for (var e : repeated) {
      Key k = e.getKey();
      write(k.fromStation(), k.stationId(), k.type(), e.getValue().lastDetail, e.getValue().more);
    }
  }

  private void write(boolean fromStation, String stationId, String type, String detail, int n) {
    if (fromStation) {
      log.station(stationId, type, detail, n);
    } else {
      log.bridge(stationId, type, detail, n);
    }
  }

  /** Stops the timer and records what the current window holds. */
  @Override
  public void close() {
    synchronized (this) {
      if (timer != null) {
        timer.shutdownNow();
      }
      closed = true;
    }
    endWindow();
  }
}
