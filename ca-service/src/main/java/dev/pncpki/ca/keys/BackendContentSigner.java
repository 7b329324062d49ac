package dev.pncpki.ca.keys;

import dev.pncpki.policies.profile.KeyAlgorithm;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.operator.ContentSigner;

/**
 * Adapts a backend key to Bouncy Castle's {@link ContentSigner}, so certificates, CRLs and OCSP
 * responses are all signed the same way. ECDSA input is hashed here and only the digest goes to the
 * backend; Ed448 sends the whole (small) to-be-signed structure.
 */
public final class BackendContentSigner implements ContentSigner {
  private final KeyBackend backend;
  private final KeyHandle key;
  private final MessageDigest digest;
  private final ByteArrayOutputStream message;
  private final OutputStream stream;

  public BackendContentSigner(KeyBackend backend, KeyHandle key) {
    this.backend = backend;
    this.key = key;
    if (key.algorithm() == KeyAlgorithm.ED448) {
      if (!(backend instanceof MessageSigning)) {
        throw new KeyBackendException(
            "key " + key.name() + " is Ed448, which this key backend cannot sign");
      }
      this.digest = null;
      this.message = new ByteArrayOutputStream();
      this.stream = message;
    } else {
      try {
        this.digest = MessageDigest.getInstance(key.algorithm().digestName().orElseThrow());
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
      this.message = null;
      this.stream = new DigestOutputStream(OutputStream.nullOutputStream(), digest);
    }
  }

  @Override
  public AlgorithmIdentifier getAlgorithmIdentifier() {
    return key.algorithm().signatureAlgorithm();
  }

  @Override
  public OutputStream getOutputStream() {
    return stream;
  }

  @Override
  public byte[] getSignature() {
    if (message != null) {
      return ((MessageSigning) backend).signMessage(key, message.toByteArray());
    }
    return backend.signDigest(key, digest.digest());
  }
}
