package dev.pncpki.ca.keys;

import dev.pncpki.policies.profile.KeyAlgorithm;
import java.util.Optional;

/**
 * Where CA private keys live. Keys never leave the backend; callers hash locally and send the
 * digest. Implementations: Vault/OpenBao Transit, and a software keystore for the embedded default.
 */
public interface KeyBackend {

  /**
   * Creates a new key. Never replaces an existing key.
   *
   * @throws KeyBackendException if a key of that name exists already or the backend refuses
   */
  KeyHandle createKey(KeyName name, KeyAlgorithm algorithm);

  /** The current version of an existing key, or empty if there is none of that name. */
  Optional<KeyHandle> findKey(KeyName name);

  /**
   * Signs a digest made with the key algorithm's hash; returns a DER-encoded ECDSA signature.
   *
   * @throws KeyBackendException if the backend refuses or cannot be reached
   */
  byte[] signDigest(KeyHandle key, byte[] digest);
}
