package dev.pncpki.bridge.app;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.pncpki.bridge.station.Station;
import io.dropwizard.core.Configuration;
import java.util.List;

/**
 * The bridge's configuration: where the CA is and the bridge's own credential for it, the CPO it
 * serves (the O of every station certificate), the OCPP schema directory, and the stations that may
 * connect.
 */
public final class BridgeConfiguration extends Configuration {
  /** The CA's base URL and the bridge's API token (role bridge, bound to the CPO). */
  public record Ca(String url, String token) {}

  @JsonProperty private Ca ca;
  @JsonProperty private String organization;
  @JsonProperty private String schemaDirectory;
  @JsonProperty private List<Station> stations = List.of();
  @JsonProperty private int idleTimeoutSeconds = 600;

  public Ca ca() {
    return ca;
  }

  public String organization() {
    return organization;
  }

  public String schemaDirectory() {
    return schemaDirectory;
  }

  public List<Station> stations() {
    return stations;
  }

  public int idleTimeoutSeconds() {
    return idleTimeoutSeconds;
  }
}
