package dev.pncpki.bridge.logs;

import java.util.Optional;

/** The logs a station can be asked for (OCPP 2.0.1 LogEnumType; 1.6 security whitepaper). */
public enum LogType {
  SECURITY_LOG("SecurityLog"),
  DIAGNOSTICS_LOG("DiagnosticsLog");

  private final String wire;

  LogType(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public static Optional<LogType> of(String wire) {
    for (LogType t : values()) {
      if (t.wire.equals(wire)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
