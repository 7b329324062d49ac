package dev.pncpki.bridge.status;

import java.time.Instant;
import java.util.Optional;

/**
 * Hears each OCSP answer a station fetched with GetCertificateStatus (for the fleet health view:
 * how fresh the status is that the station's SECC hands to vehicles). Declared here, next to its
 * user, so that the store depends on this package and not the other way round.
 */
public interface OcspLog {
  /**
   * @param serial the certificate asked about (hex)
   * @param status good, revoked, unknown, or failed (no usable answer)
   */
  void answered(
      String stationId,
      String serial,
      String status,
      Optional<Instant> thisUpdate,
      Optional<Instant> nextUpdate);

  OcspLog NONE = (station, serial, status, thisUpdate, nextUpdate) -> {};
}
