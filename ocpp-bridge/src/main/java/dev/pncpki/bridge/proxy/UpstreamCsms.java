package dev.pncpki.bridge.proxy;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The CSMS a bridge in proxy mode sits in front of (configuration {@code upstream}). Each station
 * gets its own connection to {@code url/{chargingStationId}}, as OCPP-J addresses a station.
 *
 * <p>{@code basicAuthPassword}: the bridge logs in with HTTP Basic as each station (username = the
 * station id, as OCPP security profiles 1 and 2 have it) with this one password; the CSMS accepts
 * it for every station behind the bridge, which has already checked the station's own credential.
 * Absent: no Authorization header. {@code trustStorePath} and {@code trustStorePassword}: a PKCS#12
 * trust store for a {@code wss://} URL (default: the JDK's trusted CAs); the CSMS's name is
 * verified. {@code connectTimeoutSeconds}: default 10.
 */
public record UpstreamCsms(
    String url,
    String basicAuthPassword,
    String trustStorePath,
    String trustStorePassword,
    Integer connectTimeoutSeconds) {
  public UpstreamCsms {
    if (url == null || !(url.startsWith("ws://") || url.startsWith("wss://"))) {
      throw new IllegalArgumentException("upstream.url must be a ws:// or wss:// URL");
    }
    url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    connectTimeoutSeconds = connectTimeoutSeconds == null ? 10 : connectTimeoutSeconds;
    if (connectTimeoutSeconds < 1) {
      throw new IllegalArgumentException("upstream.connectTimeoutSeconds must be positive");
    }
  }

  /** Where a station's connection goes; characters a path may not hold are percent-encoded. */
  public URI stationUri(String stationId) {
    URI base = URI.create(url);
    try {
      return new URI(
          base.getScheme(), base.getRawAuthority(), base.getPath() + "/" + stationId, null, null);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("no URL for station " + stationId, e);
    }
  }

  /** The HTTP Basic credential the bridge presents for a station, if a password is configured. */
  public Optional<String> authorization(String stationId) {
    if (basicAuthPassword == null) {
      return Optional.empty();
    }
    byte[] pair = (stationId + ":" + basicAuthPassword).getBytes(StandardCharsets.UTF_8);
    return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair));
  }

  @Override
  public String toString() { // no password in a log line
    return "UpstreamCsms[" + url + "]";
  }
}
