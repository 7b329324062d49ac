package dev.pncpki.bridge.cli;

/**
 * The admin CLI's exit statuses, the same for every verb so that scripts can branch on them: done;
 * an error (bad arguments, the bridge unreachable or failing); refused by the bridge (a 4xx
 * problem: unknown station, invalid input, conflict); refused by the station (it answered a CALL
 * with anything but acceptance, or never took it); no answer from the station yet (the delivery is
 * still on its way when {@code --wait} ran out).
 */
public enum Exit {
  OK(0),
  ERROR(1),
  REFUSED(2),
  STATION_REFUSED(3),
  PENDING(4);

  private final int status;

  Exit(int status) {
    this.status = status;
  }

  public int status() {
    return status;
  }
}
