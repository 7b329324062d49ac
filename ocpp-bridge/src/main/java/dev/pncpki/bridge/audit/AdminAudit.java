package dev.pncpki.bridge.audit;

import java.util.Optional;

/**
 * The record of what admins did through the bridge's API: who, what, to which station, and how it
 * ended. Append-only; every refusal an admin caused is written too, never a password.
 */
public interface AdminAudit {
  void record(AdminEvent event);

  /** One entry; {@code outcome} is "done", "sent", "refused" or the station's answer. */
  record AdminEvent(
      String actor, String action, Optional<String> stationId, String outcome, String detail) {
    public static AdminEvent of(
        String actor, String action, String stationId, String outcome, String detail) {
      return new AdminEvent(actor, action, Optional.ofNullable(stationId), outcome, detail);
    }
  }
}
