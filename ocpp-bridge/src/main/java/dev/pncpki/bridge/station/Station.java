package dev.pncpki.bridge.station;

import java.util.List;

/**
 * A charging station the bridge knows: its identity (the path segment it connects to, and the CN of
 * its charging-station certificate), its OCPP security profile (1: HTTP Basic; 2: TLS and HTTP
 * Basic; 3: TLS with a client certificate, CN = the station id; default 1), its password hash for
 * profiles 1 and 2, and the SECC IDs whose V2G certificates it may request (OCPP 2.0.1 A02: CN =
 * SeccId).
 */
public record Station(
    String id, Integer securityProfile, String passwordHash, List<String> seccIds) {
  public Station {
    securityProfile = securityProfile == null ? 1 : securityProfile;
    if (securityProfile < 1 || securityProfile > 3) {
      throw new IllegalArgumentException("station " + id + ": securityProfile is 1, 2 or 3");
    }
    if (securityProfile < 3 && passwordHash == null) {
      throw new IllegalArgumentException("station " + id + ": profiles 1 and 2 need passwordHash");
    }
    seccIds = seccIds == null ? List.of() : List.copyOf(seccIds);
  }
}
