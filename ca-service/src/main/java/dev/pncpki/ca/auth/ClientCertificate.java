package dev.pncpki.ca.auth;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A client certificate subject (RFC 2253 form, as {@code X500Principal.getName()} prints it) and
 * its roles. The TLS connector verifies the certificate against its trust store; this only maps an
 * authenticated subject to roles. {@code organization}: for the bridge, the only subject O it may
 * ask for (the CPO it serves).
 */
public record ClientCertificate(String subject, List<String> roles, String organization) {
  public ClientCertificate {
    roles = List.copyOf(roles);
    roles.forEach(Role::parse); // an unknown role stops the service at start
  }

  /** The configured roles as types. */
  public Set<Role> parsedRoles() {
    return roles.stream().map(Role::parse).collect(Collectors.toSet());
  }
}
