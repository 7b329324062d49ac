package dev.pncpki.ca.auth;

import java.security.Principal;
import java.util.Set;

/**
 * An authenticated client and its roles: {@code admin}; {@code bridge} (SECC and charging-station
 * certificates only, for the identity it names and the organization its credential names); {@code
 * oem:<name>} and {@code mo:<name>} tenants.
 */
public record Caller(String name, Set<String> roles, java.util.Optional<String> organization)
    implements Principal {

  public Caller {
    roles = Set.copyOf(roles);
  }

  @Override
  public String getName() {
    return name;
  }

  public boolean isAdmin() {
    return roles.contains("admin");
  }

  public boolean isBridge() {
    return roles.contains("bridge");
  }
}
