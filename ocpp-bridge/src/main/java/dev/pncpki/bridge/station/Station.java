package dev.pncpki.bridge.station;

import java.util.List;

/**
 * A charging station the bridge knows: its identity (the path segment it connects to, and the CN of
 * its charging-station certificate), its password hash for HTTP Basic (security profiles 1 and 2),
 * and the SECC IDs whose V2G certificates it may request (OCPP 2.0.1 A02: CN = SeccId).
 */
public record Station(String id, String passwordHash, List<String> seccIds) {
  public Station {
    seccIds = seccIds == null ? List.of() : List.copyOf(seccIds);
  }
}
