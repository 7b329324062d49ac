package dev.pncpki.bridge.alerts;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The active alerts, one per key, and the sinks told when one is raised or cleared. Checks report
 * everything they currently see for their kinds ({@link #report}); the hub works out what is new
 * and what has gone, so sinks hear of a condition once and not on every check.
 *
 * <p>An alert whose key is still reported keeps its first {@code since}; its detail is refreshed
 * quietly (sinks hear {@link AlertSink#refreshed}, which only the database takes up), but a rise in
 * severity (a warning that became critical, such as a CA certificate that has now expired) is
 * raised again, because the operations centre must not learn of that from the first warning alone.
 */
public final class Alerts {
  private static final Logger LOG = LoggerFactory.getLogger(Alerts.class);

  /** Critical first, then the oldest; the key makes the order total. */
  static final Comparator<Alert> ORDER =
      Comparator.comparing(Alert::severity, Comparator.<Alert.Severity>reverseOrder())
          .thenComparing(Alert::since, Comparator.naturalOrder())
          .thenComparing(Alert::key, Comparator.naturalOrder());

  private final Object lock = new Object();
  private final Map<String, Alert> active = new HashMap<>();
  private final List<AlertSink> sinks = new CopyOnWriteArrayList<>();

  public Alerts(List<AlertSink> sinks) {
    this.sinks.addAll(sinks);
  }

  public Alerts() {
    this(List.of());
  }

  /**
   * Adds a sink; for sinks that need the hub themselves (metrics gauges read {@link #active()}).
   */
  public void subscribe(AlertSink sink) {
    sinks.add(sink);
  }

  /**
   * Replaces the active alerts of the kinds in {@code scope} with {@code current}: new keys are
   * raised, keys of those kinds no longer present are cleared. Alerts of other kinds are untouched,
   * so each check owns its kinds.
   *
   * @throws IllegalArgumentException if an alert in {@code current} is outside {@code scope} (it
   *     could never be cleared by this check)
   */
  public void report(Set<Alert.Kind> scope, Collection<Alert> current) {
    Map<String, Alert> now = new LinkedHashMap<>();
    for (Alert a : current) {
      if (!scope.contains(a.kind())) {
        throw new IllegalArgumentException(
            "alert " + a.key() + " of kind " + a.kind() + " is outside the reported kinds");
      }
      now.merge(a.key(), a, (x, y) -> y.severity().compareTo(x.severity()) > 0 ? y : x);
    }
    synchronized (lock) {
      for (Alert gone : List.copyOf(active.values())) {
        if (scope.contains(gone.kind()) && !now.containsKey(gone.key())) {
          active.remove(gone.key());
          notify(gone, false);
        }
      }
      now.values().forEach(this::put);
    }
  }

  /** Raises an event-like alert (no check will report it again); see {@link #clear}. */
  public void raise(Alert alert) {
    synchronized (lock) {
      put(alert);
    }
  }

  /** Clears the alert with this key, if there is one. */
  public void clear(String key) {
    synchronized (lock) {
      Alert gone = active.remove(key);
      if (gone != null) {
        notify(gone, false);
      }
    }
  }

  /** The active alerts, critical first, then the oldest. */
  public List<Alert> active() {
    List<Alert> all;
    synchronized (lock) {
      all = new ArrayList<>(active.values());
    }
    all.sort(ORDER);
    return List.copyOf(all);
  }

  private void put(Alert alert) {
    Alert before = active.get(alert.key());
    if (before == null) {
      active.put(alert.key(), alert);
      notify(alert, true);
      return;
    }
    Alert kept = alert.since(before.since());
    active.put(alert.key(), kept);
    if (alert.severity().compareTo(before.severity()) > 0) {
      notify(kept, true);
    } else if (!alert.detail().equals(before.detail())) {
      refreshed(kept);
    }
  }

  private void refreshed(Alert alert) {
    for (AlertSink sink : sinks) {
      try {
        sink.refreshed(alert);
      } catch (RuntimeException e) {
        LOG.warn(
            "alert sink {} failed on {}: {}",
            sink.getClass().getSimpleName(),
            alert.key(),
            e.toString());
      }
    }
  }

  private void notify(Alert alert, boolean raised) {
    for (AlertSink sink : sinks) {
      try {
        if (raised) {
          sink.raised(alert);
        } else {
          sink.cleared(alert);
        }
      } catch (RuntimeException e) {
        LOG.warn(
            "alert sink {} failed on {}: {}",
            sink.getClass().getSimpleName(),
            alert.key(),
            e.toString());
      }
    }
  }
}
