package dev.pncpki.bridge.station;

/**
 * Where security events go: the bridge's refusals (a connection, a CSR, a flood) and the events
 * stations report with SecurityEventNotification. Recorded in the bridge's database and logged.
 */
public interface SecurityLog {
  /** Something the bridge refused or noticed about a station. */
  void bridge(String stationId, String type, String detail);

  /** A SecurityEventNotification from the station. */
  void station(String stationId, String type, String detail);

  /** The same refusal {@code count} times, recorded once ({@code detail}: the last one's). */
  default void bridge(String stationId, String type, String detail, int count) {
    bridge(stationId, type, count == 1 ? detail : count + " times, the last: " + detail);
  }

  /** The same notification {@code count} times, recorded once. */
  default void station(String stationId, String type, String detail, int count) {
    station(stationId, type, count == 1 ? detail : count + " times, the last: " + detail);
  }
}
