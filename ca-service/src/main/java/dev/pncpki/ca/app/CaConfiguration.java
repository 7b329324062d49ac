package dev.pncpki.ca.app;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.pncpki.ca.keys.config.KeyBackendFactory;
import io.dropwizard.core.Configuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** ca-service configuration: the HTTP server (Dropwizard's), the key backend and the hierarchy. */
public class CaConfiguration extends Configuration {

  @Valid @NotNull @JsonProperty private KeyBackendFactory keys;

  @Valid @NotNull @JsonProperty private HierarchySettings hierarchy;

  public KeyBackendFactory keys() {
    return keys;
  }

  public HierarchySettings hierarchy() {
    return hierarchy;
  }
}
