package dev.pncpki.ca.app;

import dev.pncpki.ca.audit.AnchorSchedule;
import io.dropwizard.util.Duration;

/**
 * The {@code audit} section of the configuration.
 *
 * @param anchorInterval how soon a new head of the audit chain is signed (default 10 s)
 * @param anchorHeartbeat how often an unchanged head is signed again (default 5 min)
 */
public record AuditSettings(Duration anchorInterval, Duration anchorHeartbeat) {

  public AuditSettings {
    AnchorSchedule defaults = AnchorSchedule.defaults();
    anchorInterval =
        anchorInterval == null
            ? Duration.milliseconds(defaults.interval().toMillis())
            : anchorInterval;
    anchorHeartbeat =
        anchorHeartbeat == null
            ? Duration.milliseconds(defaults.heartbeat().toMillis())
            : anchorHeartbeat;
  }

  public static AuditSettings defaults() {
    return new AuditSettings(null, null);
  }

  AnchorSchedule schedule() {
    return new AnchorSchedule(anchorInterval.toJavaDuration(), anchorHeartbeat.toJavaDuration());
  }
}
