package dev.pncpki.ca.auth;

import java.util.List;

/**
 * A configured API token: who it is, the SHA-256 (hex) of the secret, and the roles. Only the hash
 * is configured, so the configuration file does not hold usable secrets.
 */
public record ApiToken(String name, String sha256, List<String> roles, String organization) {
  public ApiToken {
    roles = List.copyOf(roles);
    // organization: for the bridge, the only subject O it may ask for (the CPO it serves)
  }
}
