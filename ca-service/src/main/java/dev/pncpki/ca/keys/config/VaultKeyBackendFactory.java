package dev.pncpki.ca.keys.config;

import dev.pncpki.ca.keys.KeyBackend;
import dev.pncpki.ca.keys.vault.VaultAuth;
import dev.pncpki.ca.keys.vault.VaultSettings;
import dev.pncpki.ca.keys.vault.VaultTransitKeyBackend;

/**
 * {@code type: vault}: Vault or OpenBao Transit at {@code address}, logged in with {@code token} or
 * with {@code appRole} (role ID and secret ID, usually from environment variables).
 */
public record VaultKeyBackendFactory(String address, String mount, String token, AppRole appRole)
    implements KeyBackendFactory {

  /** AppRole credentials and the auth mount they live at. */
  public record AppRole(String mount, String roleId, String secretId) {
    @Override
    public String toString() {
      return "AppRole[mount=" + mount + ", roleId=" + roleId + ", secretId=***]";
    }
  }

  @Override
  public KeyBackend build() {
    if (address == null) {
      throw new IllegalArgumentException("keys: vault backend needs an address");
    }
    if ((token == null) == (appRole == null)) {
      throw new IllegalArgumentException("keys: vault backend needs exactly one of token, appRole");
    }
    VaultAuth auth =
        token != null
            ? new VaultAuth.Token(token)
            : new VaultAuth.AppRole(
                appRole.mount() == null ? "approle" : appRole.mount(),
                appRole.roleId(),
                appRole.secretId());
    return VaultTransitKeyBackend.connect(
        new VaultSettings(address, mount == null ? "transit" : mount, auth, 5, 30));
  }

  @Override
  public String describe() {
    return "Vault/OpenBao Transit at "
        + address
        + " ("
        + (token != null ? "token" : "AppRole")
        + ")";
  }

  @Override
  public String toString() {
    return "VaultKeyBackendFactory[address="
        + address
        + ", mount="
        + mount
        + ", token=***, appRole="
        + appRole
        + "]";
  }
}
