package dev.pncpki.ca.auth;

import java.util.List;

/**
 * A client certificate subject (RFC 2253 form, as {@code X500Principal.getName()} prints it) and
 * its roles. The TLS connector verifies the certificate against its trust store; this only maps an
 * authenticated subject to roles.
 */
public record ClientCertificate(String subject, List<String> roles, String organization) {
  public ClientCertificate {
    roles = List.copyOf(roles);
    // organization: for the bridge, the only subject O it may ask for (the CPO it serves)
  }
}
