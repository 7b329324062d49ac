package dev.pncpki.bridge.certificates;

/**
 * Which certificate a station asks for: OCPP 2.0.1 {@code CertificateSigningUseEnumType}
 * (ChargingStationCertificate, V2GCertificate), to which OCPP 2.1 adds V2G20Certificate (the ISO
 * 15118-20 SECC certificate); OCPP 1.6's SignCertificate is always the charge point's own
 * certificate. Absent, the type is the charging station's.
 */
enum CertificateType {
  CHARGING_STATION("ChargingStationCertificate"),
  V2G("V2GCertificate"),
  V2G20("V2G20Certificate");

  private final String wire;

  CertificateType(String wire) {
    this.wire = wire;
  }

  String wire() {
    return wire;
  }

  /** The type a schema-checked certificateType names (null: none named). */
  static CertificateType of(String wire) {
    for (CertificateType t : values()) {
      if (t.wire.equals(wire)) {
        return t;
      }
    }
    return CHARGING_STATION;
  }
}
