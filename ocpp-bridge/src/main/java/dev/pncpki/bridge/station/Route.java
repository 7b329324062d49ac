package dev.pncpki.bridge.station;

import dev.pncpki.bridge.ocpp.OcppVersion;
import java.util.Arrays;

/**
 * How a CALL of the bridge's reaches a station: as a message of the station's OCPP version, or (an
 * OCPP 1.6 station doing Plug & Charge) as a 2.0.1 message wrapped in a 1.6 DataTransfer with
 * vendorId {@code org.openchargealliance.iso15118pnc}.
 */
public enum Route {
  OCPP16("ocpp1.6", OcppVersion.OCPP16, OcppVersion.OCPP16),
  OCPP201("ocpp2.0.1", OcppVersion.OCPP201, OcppVersion.OCPP201),
  OCPP21("ocpp2.1", OcppVersion.OCPP21, OcppVersion.OCPP21),
  OCPP16_PNC("ocpp1.6+iso15118pnc", OcppVersion.OCPP16, OcppVersion.OCPP201);

  private final String wire;
  private final OcppVersion connection;
  private final OcppVersion payload;

  Route(String wire, OcppVersion connection, OcppVersion payload) {
    this.wire = wire;
    this.connection = connection;
    this.payload = payload;
  }

  public String wire() {
    return wire;
  }

  /** The subprotocol the station's connection must have. */
  public OcppVersion connection() {
    return connection;
  }

  /** The version whose schema the payload follows. */
  public OcppVersion payload() {
    return payload;
  }

  public static Route direct(OcppVersion version) {
    return switch (version) {
      case OCPP16 -> OCPP16;
      case OCPP201 -> OCPP201;
      case OCPP21 -> OCPP21;
    };
  }

  public static Route of(String wire) {
    return Arrays.stream(values())
        .filter(r -> r.wire.equals(wire))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no route " + wire));
  }
}
