package dev.pncpki.ca.keys;

import dev.pncpki.policies.profile.KeyAlgorithm;
import java.util.Objects;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * A key held by a backend, pinned to one version: signatures always use this version, so a rotation
 * inside the backend can never silently change which key signs for a CA certificate.
 */
public record KeyHandle(
    KeyName name, KeyAlgorithm algorithm, int version, SubjectPublicKeyInfo publicKey) {

  public KeyHandle {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(algorithm, "algorithm");
    Objects.requireNonNull(publicKey, "publicKey");
    if (version < 1) {
      throw new IllegalArgumentException("key version must be >= 1, is " + version);
    }
    if (!algorithm.isKeyOf(publicKey)) {
      throw new IllegalArgumentException("public key of " + name + " is not " + algorithm);
    }
  }

  /** A key reference as stored with a CA: {@code name#version}. */
  public String reference() {
    return name.value() + "#" + version;
  }
}
