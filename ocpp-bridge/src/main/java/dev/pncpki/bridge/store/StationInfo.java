package dev.pncpki.bridge.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pncpki.runtime.text.PlainText;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
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
  public record Reported(String vendor, String model, Optional<String> firmwareVersion) {}

  public StationInfo(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Records a BootNotification payload of either version; a failure is logged, not thrown. */
  public void booted(String stationId, JsonNode payload) {
    Optional<Reported> reported = reported(payload);
    if (reported.isEmpty()) {
      return; // the schema check refuses these before they get here
    }
    Reported r = reported.get();
    try {
      jdbi.useHandle(
          h ->
              h.createUpdate(
                      """
                      INSERT INTO station_info (station_id, vendor, model, firmware_version)
                      VALUES (:station, :vendor, :model, :firmware)
                      ON CONFLICT (station_id) DO UPDATE SET vendor = excluded.vendor,
                        model = excluded.model, firmware_version = excluded.firmware_version,
                        updated_at = now()
                      """)
                  .bind("station", stationId)
                  .bind("vendor", r.vendor())
                  .bind("model", r.model())
                  .bind("firmware", r.firmwareVersion().orElse(null))
                  .execute());
    } catch (RuntimeException e) {
      LOG.warn("BootNotification of {} not recorded: {}", stationId, e.toString());
    }
  }

  /**
   * What a BootNotification payload of either version says, as plain text: the schemas allow any
   * string, but the dashboard, the CLI and campaign selections show these, so control characters,
   * bidirectional controls and lone surrogates become U+FFFD ({@link PlainText}).
   */
  static Optional<Reported> reported(JsonNode payload) {
    JsonNode station = payload.path("chargingStation");
    boolean v201 = station.isObject();
    String vendor =
        v201
            ? station.path("vendorName").asText(null)
            : payload.path("chargePointVendor").asText(null);
    String model =
        v201 ? station.path("model").asText(null) : payload.path("chargePointModel").asText(null);
    String firmware = (v201 ? station : payload).path("firmwareVersion").asText(null);
    if (vendor == null || model == null) {
      return Optional.empty();
    }
    return Optional.of(
        new Reported(
            PlainText.cleaned(vendor),
            PlainText.cleaned(model),
            Optional.ofNullable(firmware).map(PlainText::cleaned)));
  }

  /** What each station last said of itself in BootNotification, by station id. */
  public Map<String, Reported> all() {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT station_id, vendor, model, firmware_version FROM station_info")
                .map(
                    (rs, ctx) ->
                        Map.entry(
                            rs.getString("station_id"),
                            // rows stored before the text was cleaned on the way in
                            new Reported(
                                PlainText.cleaned(rs.getString("vendor")),
                                PlainText.cleaned(rs.getString("model")),
                                Optional.ofNullable(rs.getString("firmware_version"))
                                    .map(PlainText::cleaned))))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
  }
}
