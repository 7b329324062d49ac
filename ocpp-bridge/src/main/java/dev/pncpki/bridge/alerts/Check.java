package dev.pncpki.bridge.alerts;

import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * One source of alerts, run by {@link AlertMonitor}: it returns everything it currently sees for
 * its {@link #kinds()}, and the hub raises and clears from the difference. Checks over the bridge's
 * database live with the database code and come in through this interface (see {@link #of(Set,
 * Callable)}).
 */
public interface Check {
  /** The kinds this check owns: alerts of these kinds that it stops reporting are cleared. */
  Set<Alert.Kind> kinds();

  /** What is wrong now; throwing keeps the previous alerts (a failed look is not "all well"). */
  List<Alert> current() throws Exception;

  static Check of(Set<Alert.Kind> kinds, Callable<List<Alert>> current) {
    Set<Alert.Kind> owned = Set.copyOf(kinds);
    return new Check() {
      @Override
      public Set<Alert.Kind> kinds() {
        return owned;
      }

      @Override
      public List<Alert> current() throws Exception {
        return current.call();
      }
    };
  }
}
