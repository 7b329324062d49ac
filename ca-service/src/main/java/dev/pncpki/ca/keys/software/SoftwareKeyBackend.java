package dev.pncpki.ca.keys.software;

import dev.pncpki.ca.keys.KeyBackend;
import dev.pncpki.ca.keys.KeyBackendException;
import dev.pncpki.ca.keys.KeyHandle;
import dev.pncpki.ca.keys.KeyName;
import dev.pncpki.ca.keys.MessageSigning;
import dev.pncpki.policies.profile.KeyAlgorithm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * Keys in password-encrypted PKCS#12 files, one per key, for the embedded default and for tests.
 * Not for production: the keys are only as safe as the file and its password. Each file also holds
 * a self-signed placeholder certificate, because PKCS#12 stores a private key with a chain.
 */
public final class SoftwareKeyBackend implements KeyBackend, MessageSigning {
  private static final String ALIAS = "key";

  private final Path directory;
  private final char[] password;

  public SoftwareKeyBackend(Path directory, char[] password) {
    if (password.length == 0) {
      throw new IllegalArgumentException("software key backend needs a non-empty password");
    }
    this.directory = directory;
    this.password = password.clone();
  }

  @Override
  public KeyHandle createKey(KeyName name, KeyAlgorithm algorithm) {
    Path file = file(name);
    try {
      Files.createDirectories(directory);
      KeyPair pair = generate(algorithm);
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      X509Certificate holder = PlaceholderCertificate.create(name, algorithm, pair);
      store.setKeyEntry(ALIAS, pair.getPrivate(), password, new X509Certificate[] {holder});
      var bytes = new ByteArrayOutputStream();
      store.store(bytes, password);
      Path tmp = Files.createTempFile(directory, name.value(), ".tmp");
      try {
        Files.write(tmp, bytes.toByteArray());
        Files.createLink(file, tmp); // atomic, and fails if the key exists: never overwrite
      } finally {
        Files.deleteIfExists(tmp);
      }
      return handle(name, algorithm, holder);
    } catch (FileAlreadyExistsException e) {
      throw new KeyBackendException("key " + name + " exists already in " + directory);
    } catch (IOException | GeneralSecurityException e) {
      throw new KeyBackendException("cannot create key " + name + " in " + directory + ": " + e, e);
    }
  }

  @Override
  public Optional<KeyHandle> findKey(KeyName name) {
    if (!Files.exists(file(name))) {
      return Optional.empty();
    }
    try {
      KeyStore store = load(name);
      X509Certificate holder = (X509Certificate) store.getCertificate(ALIAS);
      SubjectPublicKeyInfo spki =
          SubjectPublicKeyInfo.getInstance(holder.getPublicKey().getEncoded());
      KeyAlgorithm algorithm =
          KeyAlgorithm.of(spki)
              .orElseThrow(() -> new KeyBackendException("key " + name + " has an unknown type"));
      return Optional.of(handle(name, algorithm, holder));
    } catch (GeneralSecurityException e) {
      throw new KeyBackendException("cannot read key " + name + ": " + e.getMessage(), e);
    }
  }

  @Override
  public byte[] signDigest(KeyHandle key, byte[] digest) {
    if (key.algorithm() == KeyAlgorithm.ED448) {
      throw new KeyBackendException("Ed448 signs messages, not digests; key " + key.name());
    }
    return sign(key, "NONEwithECDSA", digest);
  }

  @Override
  public byte[] signMessage(KeyHandle key, byte[] message) {
    if (key.algorithm() != KeyAlgorithm.ED448) {
      throw new KeyBackendException("key " + key.name() + " signs digests, not messages");
    }
    return sign(key, "Ed448", message);
  }

  private byte[] sign(KeyHandle key, String algorithm, byte[] input) {
    try {
      KeyStore store = load(key.name());
      PrivateKey privateKey = (PrivateKey) store.getKey(ALIAS, password);
      byte[] stored = store.getCertificate(ALIAS).getPublicKey().getEncoded();
      if (!Arrays.equals(stored, key.publicKey().getEncoded())) {
        throw new KeyBackendException("key " + key.name() + " is not the key this handle pins");
      }
      Signature signature = Signature.getInstance(algorithm);
      signature.initSign(privateKey);
      signature.update(input);
      return signature.sign();
    } catch (GeneralSecurityException | IOException e) {
      throw new KeyBackendException("cannot sign with key " + key.name() + ": " + e, e);
    }
  }

  private KeyStore load(KeyName name) throws GeneralSecurityException {
    try (InputStream in = Files.newInputStream(file(name))) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password);
      return store;
    } catch (IOException e) {
      throw new KeyBackendException(
          "cannot open key " + name + " (wrong keystore password?): " + e.getMessage(), e);
    }
  }

  private static KeyPair generate(KeyAlgorithm algorithm) throws GeneralSecurityException {
    if (algorithm == KeyAlgorithm.ED448) {
      return KeyPairGenerator.getInstance("Ed448").generateKeyPair();
    }
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec(algorithm.curveName()));
    return generator.generateKeyPair();
  }

  private static KeyHandle handle(KeyName name, KeyAlgorithm algorithm, X509Certificate holder) {
    return new KeyHandle(
        name, algorithm, 1, SubjectPublicKeyInfo.getInstance(holder.getPublicKey().getEncoded()));
  }

  private Path file(KeyName name) {
    return directory.resolve(name.value() + ".p12");
  }
}
