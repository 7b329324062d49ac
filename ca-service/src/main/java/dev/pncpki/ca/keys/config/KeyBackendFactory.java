package dev.pncpki.ca.keys.config;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.pncpki.ca.keys.KeyBackend;

/** The "keys" section of the service configuration; each backend registers under its type. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = SoftwareKeyBackendFactory.class, name = "software"),
  @JsonSubTypes.Type(value = VaultKeyBackendFactory.class, name = "vault")
})
public sealed interface KeyBackendFactory
    permits SoftwareKeyBackendFactory, VaultKeyBackendFactory {

  KeyBackend build();

  /** One line for logs and the start-up banner; never contains secrets. */
  String describe();
}
