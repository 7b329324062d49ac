package dev.pncpki.bridge.station;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The stations that may connect, and the check of their security profile (OCPP 2.0.1 A00; 1.6
 * security whitepaper section 2): profile 1 HTTP Basic, where the username must be the station id
 * of the URL and the password must match the stored hash; profile 2 the same over TLS; profile 3
 * TLS with a client certificate (verified by the TLS layer against the trusted CAs) whose CN is the
 * station id.
 */
public final class StationDirectory {
  /** Why a connection was refused, for the log; the station only sees 401. */
  public record Refusal(String reason) {}

  /** The subject of a verified client certificate: its one CN and its O, if any. */
  public record ClientSubject(String commonName, String organization) {}

  private final Map<String, Station> byId;
  private final String organization;

  /** {@code organization}: the CPO; a profile-3 certificate must carry it as O (A00.FR.404). */
  public StationDirectory(List<Station> stations, String organization) {
    this.byId = stations.stream().collect(Collectors.toMap(Station::id, Function.identity()));
    this.organization = organization;
  }

  /** The configured station ids, sorted. */
  public List<String> ids() {
    return byId.keySet().stream().sorted().toList();
  }

  public Optional<Station> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** Empty if the connection proves the station's identity under its security profile. */
  public Optional<Refusal> check(
      String stationId, boolean tls, String authorization, Optional<ClientSubject> client) {
    Station station = byId.get(stationId);
    if (station == null) {
      return Optional.of(new Refusal("unknown station " + stationId));
    }
    if (station.securityProfile() >= 2 && !tls) {
      return Optional.of(
          new Refusal(stationId + " has security profile " + station.securityProfile() + ": TLS"));
    }
    if (station.securityProfile() == 3) {
      if (client.isEmpty()) {
        return Optional.of(new Refusal(stationId + " presented no client certificate"));
      }
      if (!client.get().commonName().equals(stationId)) {
        return Optional.of(
            new Refusal(
                "client certificate CN " + client.get().commonName() + " is not " + stationId));
      }
      if (!organization.equals(client.get().organization())) {
        return Optional.of(
            new Refusal(
                "client certificate O " + client.get().organization() + " is not " + organization));
      }
      return Optional.empty();
    }
    return checkBasic(stationId, authorization);
  }

  /** Empty if the Authorization header proves the station's identity. */
  public Optional<Refusal> checkBasic(String stationId, String authorization) {
    Station station = byId.get(stationId);
    if (station == null) {
      return Optional.of(new Refusal("unknown station " + stationId));
    }
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.of(new Refusal("no HTTP Basic credentials"));
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(authorization.substring(6).trim()),
              StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.of(new Refusal("credentials are not base64"));
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      return Optional.of(new Refusal("credentials have no ':'"));
    }
    if (!decoded.substring(0, colon).equals(stationId)) {
      return Optional.of(new Refusal("username is not the station id " + stationId));
    }
    if (!PasswordHash.matches(decoded.substring(colon + 1), station.passwordHash())) {
      return Optional.of(new Refusal("wrong password for " + stationId));
    }
    return Optional.empty();
  }
}
