package dev.pncpki.bridge.store;

import com.fasterxml.jackson.databind.JsonNode;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What stations say of themselves in BootNotification (table {@code station_info}): vendor, model
 * and firmware, so that campaigns can select by model. OCPP 1.6 sends them flat ({@code
 * chargePointVendor}, {@code chargePointModel}); 2.0.1 in {@code chargingStation}.
 */
public final class StationInfo {
  private static final Logger LOG = LoggerFactory.getLogger(StationInfo.class);
  private final Jdbi jdbi;

  /** What a station last said of itself. */
  public record Reported(String vendor, String model, java.util.Optional<String> firmwareVersion) {}

  public StationInfo(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Records a BootNotification payload of either version; a failure is logged, not thrown. */
  public void booted(String stationId, JsonNode payload) {
    JsonNode station = payload.path("chargingStation");
    String vendor =
        station.isObject()
            ? station.path("vendorName").asText(null)
            : payload.path("chargePointVendor").asText(null);
    String model =
        station.isObject()
            ? station.path("model").asText(null)
            : payload.path("chargePointModel").asText(null);
    String firmware =
        station.isObject()
            ? station.path("firmwareVersion").asText(null)
            : payload.path("firmwareVersion").asText(null);
    if (vendor == null || model == null) {
      return; // the schema check refuses these before they get here
    }
    try {
      jdbi.useHandle(
          h ->
              h.createUpdate(
                      "INSERT INTO station_info (station_id, vendor, model, firmware_version)"
                          + " VALUES (:station, :vendor, :model, :firmware) ON CONFLICT"
                          + " (station_id) DO UPDATE SET vendor = excluded.vendor, model ="
                          + " excluded.model, firmware_version = excluded.firmware_version,"
                          + " updated_at = now()")
                  .bind("station", stationId)
                  .bind("vendor", vendor)
                  .bind("model", model)
                  .bind("firmware", firmware)
                  .execute());
    } catch (RuntimeException e) {
      LOG.warn("BootNotification of {} not recorded: {}", stationId, e.toString());
    }
  }

  /** What each station last said of itself in BootNotification, by station id. */
  public java.util.Map<String, Reported> all() {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT station_id, vendor, model, firmware_version FROM station_info")
                .map(
                    (rs, ctx) ->
                        java.util.Map.entry(
                            rs.getString("station_id"),
                            new Reported(
                                rs.getString("vendor"),
                                rs.getString("model"),
                                java.util.Optional.ofNullable(rs.getString("firmware_version")))))
                .collect(
                    java.util.stream.Collectors.toMap(
                        java.util.Map.Entry::getKey, java.util.Map.Entry::getValue)));
  }
}
