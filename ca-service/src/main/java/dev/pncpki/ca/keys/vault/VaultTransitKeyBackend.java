package dev.pncpki.ca.keys.vault;

import com.codahale.metrics.Timer;
import dev.pncpki.ca.keys.KeyBackend;
import dev.pncpki.ca.keys.KeyBackendException;
import dev.pncpki.ca.keys.KeyHandle;
import dev.pncpki.ca.keys.KeyName;
import dev.pncpki.policies.profile.KeyAlgorithm;
import io.github.jopenlibs.vault.VaultException;
import io.github.jopenlibs.vault.json.JsonObject;
import io.github.jopenlibs.vault.response.LogicalResponse;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.PEMParser;

/**
 * CA keys in Vault or OpenBao Transit. Keys are created non-exportable and without plaintext
 * backup, so they never leave Vault; signing sends a locally computed digest ({@code
 * prehashed=true}, DER output) and pins the key version. Concurrent signatures are batched.
 */
public final class VaultTransitKeyBackend implements KeyBackend {
  private final VaultSettings settings;
  private final VaultSession vault;
  private final TransitSignBatcher batcher;
  private final Timer signLatency = new Timer();

  private VaultTransitKeyBackend(VaultSettings settings, VaultSession vault) {
    this.settings = settings;
    this.vault = vault;
    this.batcher =
        new TransitSignBatcher(new TransitSigner(vault, settings.mount(), this::failure));
  }

  /** Logs in (for AppRole) and returns a backend; does not contact Vault for a token. */
  public static VaultTransitKeyBackend connect(VaultSettings settings) {
    try {
      return new VaultTransitKeyBackend(settings, new VaultSession(settings));
    } catch (VaultException e) {
      throw failure(settings, "log in with " + settings.auth(), e);
    }
  }

  @Override
  public KeyHandle createKey(KeyName name, KeyAlgorithm algorithm) {
    String type =
        switch (algorithm) {
          case EC_P256 -> "ecdsa-p256";
          case EC_P521 -> "ecdsa-p521";
          case ED448 ->
              throw new KeyBackendException(
                  "Vault/OpenBao Transit has no Ed448 keys; use the software backend for Ed448");
        };
    if (findKey(name).isPresent()) {
      throw new KeyBackendException(
          "Transit key " + name + " exists already; it is never replaced");
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", type);
    body.put("exportable", Boolean.FALSE);
    body.put("allow_plaintext_backup", Boolean.FALSE);
    String operation = "create Transit key " + name;
    try {
      checked(
          operation,
          vault.execute(v -> v.logical().write(settings.mount() + "/keys/" + name, body)));
    } catch (VaultException e) {
      throw failure(operation, e);
    }
    return findKey(name)
        .orElseThrow(
            () -> new KeyBackendException("Transit key " + name + " vanished after create"));
  }

  @Override
  public Optional<KeyHandle> findKey(KeyName name) {
    LogicalResponse response;
    String operation = "read Transit key " + name;
    try {
      response = vault.execute(v -> v.logical().read(settings.mount() + "/keys/" + name));
    } catch (VaultException e) {
      throw failure(operation, e);
    }
    if (response.getRestResponse().getStatus() == 404) {
      return Optional.empty();
    }
    checked(operation, response);
    JsonObject data = response.getDataObject();
    if (data == null || data.get("type") == null) {
      return Optional.empty();
    }
    if (data.getBoolean("exportable", false) || data.getBoolean("allow_plaintext_backup", false)) {
      throw new KeyBackendException(
          "Transit key " + name + " is exportable or backup-able; CA keys must not be");
    }
    KeyAlgorithm algorithm =
        switch (data.getString("type")) {
          case "ecdsa-p256" -> KeyAlgorithm.EC_P256;
          case "ecdsa-p521" -> KeyAlgorithm.EC_P521;
          default ->
              throw new KeyBackendException(
                  "Transit key "
                      + name
                      + " has type "
                      + data.getString("type")
                      + ", not usable here");
        };
    int version = data.getInt("latest_version");
    String pem =
        data.get("keys")
            .asObject()
            .get(Integer.toString(version))
            .asObject()
            .getString("public_key");
    return Optional.of(new KeyHandle(name, algorithm, version, parsePublicKey(name, pem)));
  }

  @Override
  public byte[] signDigest(KeyHandle key, byte[] digest) {
    try (var timing = signLatency.time()) {
      return batcher.sign(key, digest);
    }
  }

  /** Latency of one signature as callers see it, batching included; registered as a metric. */
  public Timer signLatency() {
    return signLatency;
  }

  /** Transit sign calls made so far; fewer than signatures when requests were batched. */
  public long transitCalls() {
    return batcher.calls();
  }

  private static SubjectPublicKeyInfo parsePublicKey(KeyName name, String pem) {
    try (var parser = new PEMParser(new StringReader(pem))) {
      return SubjectPublicKeyInfo.getInstance(parser.readObject());
    } catch (IOException | IllegalArgumentException e) {
      throw new KeyBackendException("Transit key " + name + " has an unreadable public key", e);
    }
  }

  /** The driver returns 4xx answers instead of throwing; turn them into clear errors. */
  LogicalResponse checked(String operation, LogicalResponse response) {
    int status = response.getRestResponse().getStatus();
    if (status / 100 != 2) {
      String body = new String(response.getRestResponse().getBody(), StandardCharsets.UTF_8);
      throw failure(settings, operation, new VaultException(body, status));
    }
    return response;
  }

  KeyBackendException failure(String operation, VaultException e) {
    return failure(settings, operation, e);
  }

  static KeyBackendException failure(VaultSettings settings, String operation, VaultException e) {
    String where = "OpenBao/Vault at " + settings.address();
    return switch (e.getHttpStatusCode()) {
      case 0 ->
          new KeyBackendException(
              "cannot reach " + where + " to " + operation + ": " + rootMessage(e), e);
      case 403 ->
          new KeyBackendException(
              where
                  + " refused to "
                  + operation
                  + ": permission denied (the token needs the pnc-ca policy, see"
                  + " policies/src/main/resources/vault/pnc-ca.hcl)",
              e);
      default ->
          new KeyBackendException(
              where
                  + " failed to "
                  + operation
                  + " (HTTP "
                  + e.getHttpStatusCode()
                  + "): "
                  + e.getMessage(),
              e);
    };
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
