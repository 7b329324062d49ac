package dev.pncpki.ca.keys.vault;

import io.github.jopenlibs.vault.Vault;
import io.github.jopenlibs.vault.VaultConfig;
import io.github.jopenlibs.vault.VaultException;
import io.github.jopenlibs.vault.response.LogicalResponse;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * The logged-in Vault client. AppRole tokens expire (token_ttl); when Vault answers 403 to a call
 * made with an AppRole token, the session logs in again once and repeats the call, so the service
 * keeps signing across token lifetimes without a restart.
 *
 * <p>All calls share one HTTP client and its keep-alive connections. Left to itself the driver
 * builds a new {@link HttpClient} (selector thread, executor, TCP connection) for every request,
 * which cost more CPU than the signatures it carried.
 */
final class VaultSession {
  /** One Vault call with the current client. */
  interface Call {
    LogicalResponse run(Vault vault) throws VaultException;
  }

  /** A client with its login number, so concurrent 403s cause one new login, not many. */
  private record Login(Vault vault, long number) {}

  private final VaultSettings settings;
  private final HttpClient http;
  private volatile Login current;

  VaultSession(VaultSettings settings) throws VaultException {
    this.settings = settings;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(settings.openTimeoutSeconds()))
            .build();
    this.current = new Login(login(), 0);
  }

  LogicalResponse execute(Call call) throws VaultException {
    Login used = current;
    LogicalResponse response = call.run(used.vault());
    if (response.getRestResponse().getStatus() == 403
        && settings.auth() instanceof VaultAuth.AppRole) {
      relogin(used.number());
      response = call.run(current.vault());
    }
    return response;
  }

  private synchronized void relogin(long failed) throws VaultException {
    if (current.number() == failed) { // another thread may have logged in already
      current = new Login(login(), failed + 1);
    }
  }

  private Vault login() throws VaultException {
    String token =
        switch (settings.auth()) {
          case VaultAuth.Token t -> t.token();
          case VaultAuth.AppRole a -> appRoleLogin(a);
        };
    return client(token);
  }

  private String appRoleLogin(VaultAuth.AppRole role) throws VaultException {
    var response = client(null).auth().loginByAppRole(role.mount(), role.roleId(), role.secretId());
    int status = response.getRestResponse().getStatus();
    if (status / 100 != 2 || response.getAuthClientToken() == null) {
      throw new VaultException("AppRole login refused", status == 200 ? 403 : status);
    }
    return response.getAuthClientToken();
  }

  private Vault client(String token) throws VaultException {
    VaultConfig config =
        new VaultConfig()
            .httpClient(http)
            .address(settings.address())
            .engineVersion(1) // Transit is not KV v2: no "/data/" path rewriting
            .openTimeout(settings.openTimeoutSeconds())
            .readTimeout(settings.readTimeoutSeconds());
    if (token != null) {
      config.token(token);
    }
    return Vault.create(config.build(), 1).withRetries(0, 0);
  }
}
