package dev.pncpki.bridge.status;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Hears each OCSP answer a station fetched with GetCertificateStatus (for the fleet health view:
 * how fresh the status is that the station's SECC hands to vehicles). Only answers the bridge
 * obtained and verified, good or revoked, are heard: a refused responderURL, an unreachable
 * responder or an answer that says nothing about the certificate leave the last one standing.
 * Declared here, next to its user, so that the store depends on this package and not the other way
 * round.
 */
public interface OcspLog {
  /** What a verified answer says of the certificate. */
  enum Status {
    GOOD,
    REVOKED;

    /** As stored and shown: good, revoked. */
    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * @param serial the certificate asked about (hex)
   */
  void answered(
      String stationId,
      String serial,
      Status status,
      Instant thisUpdate,
      Optional<Instant> nextUpdate);

  OcspLog NONE = (station, serial, status, thisUpdate, nextUpdate) -> {};
}
