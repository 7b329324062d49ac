package dev.pncpki.bridge.campaign;

import java.util.List;

/**
 * The certificates stations hold now: for each registered, enabled station and certificate type,
 * the newest one the station accepted (what the {@code issuer} selection and the fleet view call
 * current).
 */
public interface CurrentCertificates {
  /** A station's current certificate of a type ({@code ChargingStationCertificate}, ...). */
  record Holding(String stationId, String certificateType) {}

  /** Those whose issuer is {@code issuer} (RFC 2253, in the JDK's form), by station id. */
  List<Holding> issuedBy(String issuer);
}
