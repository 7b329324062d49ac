package dev.pncpki.bridge.station;

import dev.pncpki.bridge.ocpp.OcppVersion;
import java.util.Optional;

/**
 * The OCPP version a station speaks: of its connection to this instance, else of its current or
 * last connection anywhere; empty for a station that never connected.
 */
public interface StationVersions {
  Optional<OcppVersion> of(String stationId);
}
