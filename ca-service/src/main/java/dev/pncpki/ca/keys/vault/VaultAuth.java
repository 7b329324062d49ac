package dev.pncpki.ca.keys.vault;

import java.util.Objects;

/** How the service logs in to Vault/OpenBao. */
public sealed interface VaultAuth {

  /** A token issued out of band, for example by an operator or a Vault agent. */
  record Token(String token) implements VaultAuth {
    public Token {
      Objects.requireNonNull(token, "token");
    }

    @Override
    public String toString() {
      return "Token[***]";
    }
  }

  /** AppRole login (role ID plus secret ID) at the given auth mount, usually "approle". */
  record AppRole(String mount, String roleId, String secretId) implements VaultAuth {
    public AppRole {
      Objects.requireNonNull(mount, "mount");
      Objects.requireNonNull(roleId, "roleId");
      Objects.requireNonNull(secretId, "secretId");
    }

    @Override
    public String toString() {
      return "AppRole[mount=" + mount + ", roleId=" + roleId + ", secretId=***]";
    }
  }
}
