package dev.pncpki.bridge.certificates;

/**
 * Which certificate a station asks for: OCPP 2.0.1 {@code CertificateSigningUseEnumType}
 * (ChargingStationCertificate, V2GCertificate); OCPP 1.6's SignCertificate is always the charge
 * point's own certificate.
 */
enum CertificateType {
  CHARGING_STATION("ChargingStationCertificate"),
  V2G("V2GCertificate");

  private final String wire;

  CertificateType(String wire) {
    this.wire = wire;
  }

  String wire() {
    return wire;
  }

  static CertificateType of(String wire) {
    return wire == null || wire.equals(CHARGING_STATION.wire) ? CHARGING_STATION : V2G;
  }
}
