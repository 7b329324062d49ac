package dev.pncpki.ca.auth;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A configured API token: who it is, the SHA-256 (hex) of the secret, and the roles. Only the hash
 * is configured, so the configuration file does not hold usable secrets. {@code organization}: for
 * the bridge, the only subject O it may ask for (the CPO it serves).
 */
public record ApiToken(String name, String sha256, List<String> roles, String organization) {
  public ApiToken {
    roles = List.copyOf(roles);
    roles.forEach(Role::parse); // an unknown role stops the service at start
  }

  /** The configured roles as types. */
  public Set<Role> parsedRoles() {
    return roles.stream().map(Role::parse).collect(Collectors.toSet());
  }
}
