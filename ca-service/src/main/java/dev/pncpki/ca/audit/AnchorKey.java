package dev.pncpki.ca.audit;

import dev.pncpki.ca.keys.KeyBackend;
import dev.pncpki.ca.keys.KeyBackendException;
import dev.pncpki.ca.keys.KeyHandle;
import dev.pncpki.ca.keys.KeyName;
import dev.pncpki.ca.keys.SignatureVerifiers;
import dev.pncpki.policies.profile.KeyAlgorithm;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.bouncycastle.operator.ContentVerifier;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * The key that signs audit anchors: an ECDSA P-256 key of the key backend named {@value #NAME},
 * made on first use. Like the CA keys it never leaves the backend (Transit signs a digest made
 * here), so a copy of the database, or write access to it, gives no way to sign a head.
 */
public final class AnchorKey {
  /** The key's name; it starts with "pnc-" so that the CA's Transit ACL lets the service sign. */
  public static final String NAME = "pnc-audit-anchor";

  private final KeyBackend backend;
  private final KeyHandle key;

  private AnchorKey(KeyBackend backend, KeyHandle key) {
    this.backend = backend;
    this.key = key;
  }

  /**
   * The backend's anchor key, made if it does not exist yet. Two instances starting at once may
   * both try to make it; the one that loses finds the other's.
   *
   * @throws KeyBackendException if the backend cannot be reached or holds a key of another type
   */
  public static AnchorKey of(KeyBackend backend) {
    KeyName name = new KeyName(NAME);
    KeyHandle key =
        backend
            .findKey(name)
            .orElseGet(
                () -> {
                  try {
                    return backend.createKey(name, KeyAlgorithm.EC_P256);
                  } catch (KeyBackendException raced) {
                    return backend.findKey(name).orElseThrow(() -> raced);
                  }
                });
    if (key.algorithm() != KeyAlgorithm.EC_P256) {
      throw new KeyBackendException(
          "key " + NAME + " is " + key.algorithm() + "; audit anchors are signed with EC P-256");
    }
    return new AnchorKey(backend, key);
  }

  /** Signs the head {@code eventId}/{@code headHash} now, at the precision PostgreSQL keeps. */
  public AuditAnchor sign(long eventId, byte[] headHash, Instant now) {
    Instant at = now.truncatedTo(ChronoUnit.MICROS);
    byte[] statement = AuditAnchor.statement(eventId, headHash, at);
    byte[] signature = backend.signDigest(key, sha256(statement));
    return new AuditAnchor(eventId, headHash, at, key.reference(), signature);
  }

  /**
   * Whether the anchor's signature verifies with this key. An anchor naming another key or key
   * version does not: the service's access policy lets it neither rotate nor replace this key, so
   * another reference means the anchor was not made here.
   */
  public boolean verifies(AuditAnchor anchor) {
    if (!key.reference().equals(anchor.keyReference())) {
      return false;
    }
    try {
      ContentVerifier verifier =
          SignatureVerifiers.forIssuer(key.publicKey())
              .get(KeyAlgorithm.EC_P256.signatureAlgorithm());
      try (OutputStream out = verifier.getOutputStream()) {
        out.write(anchor.statement());
      }
      return verifier.verify(anchor.signature());
    } catch (OperatorCreationException e) {
      throw new IllegalStateException("cannot verify with the anchor key: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String reference() {
    return key.reference();
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
