package dev.pncpki.ca.keys.vault;

import java.util.Objects;

/**
 * Where the Transit engine is and how to reach it. {@code mount} is the Transit mount path
 * ("transit"); the ACL policy in policies/src/main/resources/vault/pnc-ca.hcl assumes it and the
 * "pnc-" key-name prefix.
 */
public record VaultSettings(
    String address, String mount, VaultAuth auth, int openTimeoutSeconds, int readTimeoutSeconds) {

  public VaultSettings {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(mount, "mount");
    Objects.requireNonNull(auth, "auth");
  }

  public static VaultSettings of(String address, VaultAuth auth) {
    return new VaultSettings(address, "transit", auth, 5, 30);
  }
}
