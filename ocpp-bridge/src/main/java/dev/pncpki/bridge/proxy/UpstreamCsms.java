package dev.pncpki.bridge.proxy;

import dev.pncpki.bridge.ocpp.OcppVersion;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The CSMS a bridge in proxy mode sits in front of (configuration {@code upstream}). Each station
 * gets its own connection to {@code url/{chargingStationId}}, as OCPP-J addresses a station.
 *
 * <p>{@code basicAuthPassword}: the bridge logs in with HTTP Basic as each station (username = the
 * station id, as OCPP security profiles 1 and 2 have it) with this one password; the CSMS accepts
 * it for every station behind the bridge, which has already checked the station's own credential.
 * Absent: no Authorization header. {@code trustStorePath} and {@code trustStorePassword}: a PKCS#12
 * trust store for a {@code wss://} URL (default: the JDK's trusted CAs); the CSMS's name is
 * verified. {@code connectTimeoutSeconds}: default 10. {@code subprotocols}: the OCPP versions the
 * CSMS speaks (default {@code [ocpp2.0.1, ocpp1.6]}); a station is offered only these, since its
 * connection to the CSMS must have the version its connection to the bridge has.
 */
public record UpstreamCsms(
    String url,
    String basicAuthPassword,
    String trustStorePath,
    String trustStorePassword,
    Integer connectTimeoutSeconds,
    List<String> subprotocols) {
  public UpstreamCsms {
    subprotocols =
        subprotocols == null ? List.of("ocpp2.0.1", "ocpp1.6") : List.copyOf(subprotocols);
    for (String s : subprotocols) {
      if (OcppVersion.ofSubprotocol(s).isEmpty()) {
        throw new IllegalArgumentException(
            "upstream.subprotocols are among ocpp2.1, ocpp2.0.1 and ocpp1.6, not " + s);
      }
    }
    if (subprotocols.isEmpty()) {
      throw new IllegalArgumentException("upstream.subprotocols names at least one version");
    }
    if (url == null || !(url.startsWith("ws://") || url.startsWith("wss://"))) {
      throw new IllegalArgumentException("upstream.url must be a ws:// or wss:// URL");
    }
    url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    connectTimeoutSeconds = connectTimeoutSeconds == null ? 10 : connectTimeoutSeconds;
    if (connectTimeoutSeconds < 1) {
      throw new IllegalArgumentException("upstream.connectTimeoutSeconds must be positive");
    }
  }

  /** The versions the CSMS speaks. */
  public Set<OcppVersion> versions() {
    return subprotocols.stream()
        .map(s -> OcppVersion.ofSubprotocol(s).orElseThrow())
        .collect(java.util.stream.Collectors.toUnmodifiableSet());
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
