package dev.pncpki.ca.auth;

import java.security.Principal;
import java.util.Set;

/**
 * An authenticated client and its roles: {@code admin}; {@code bridge} (SECC and charging-station
 * certificates only, for the identity it names and the organization its credential names); {@code
 * oem:<name>} and {@code mo:<name>} tenants.
 */
public record Caller(String name, Set<Role> roles, java.util.Optional<String> organization)
    implements Principal {

  public Caller {
    roles = Set.copyOf(roles);
  }

  @Override
  public String getName() {
    return name;
  }

  public boolean isAdmin() {
    return roles.contains(Role.ADMIN);
  }

  public boolean isBridge() {
    return roles.contains(Role.BRIDGE);
  }

  /** Whether the caller holds {@code role}. */
  public boolean has(Role role) {
    return roles.contains(role);
  }
}
