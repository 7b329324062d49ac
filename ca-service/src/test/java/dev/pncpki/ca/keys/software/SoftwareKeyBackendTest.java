package dev.pncpki.ca.keys.software;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pncpki.ca.keys.KeyBackendException;
import dev.pncpki.ca.keys.KeyHandle;
import dev.pncpki.ca.keys.KeyName;
import dev.pncpki.policies.profile.KeyAlgorithm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SoftwareKeyBackendTest {
  @TempDir Path dir;

  @Test
  void signsDigestsThatTheJdkVerifies() throws Exception {
    var backend = new SoftwareKeyBackend(dir, "pw".toCharArray());
    for (KeyAlgorithm algorithm : new KeyAlgorithm[] {KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P521}) {
      KeyHandle key =
          backend.createKey(
              new KeyName("pnc-" + algorithm.name().toLowerCase().replace('_', '-')), algorithm);
      byte[] message = "tbs".getBytes();
      String digest = algorithm.digestName().orElseThrow();
      byte[] sig = backend.signDigest(key, MessageDigest.getInstance(digest).digest(message));
      var verifier = Signature.getInstance(digest.replace("-", "") + "withECDSA");
      verifier.initVerify(
          KeyFactory.getInstance("EC")
              .generatePublic(new X509EncodedKeySpec(key.publicKey().getEncoded())));
      verifier.update(message);
      assertThat(verifier.verify(sig)).isTrue();
      assertThat(backend.findKey(key.name())).contains(key);
    }
  }

  @Test
  void signsWholeMessagesWithEd448() throws Exception {
    var backend = new SoftwareKeyBackend(dir, "pw".toCharArray());
    KeyHandle key = backend.createKey(new KeyName("pnc-ed"), KeyAlgorithm.ED448);
    byte[] sig = backend.signMessage(key, "tbs".getBytes());
    var verifier = Signature.getInstance("Ed448");
    verifier.initVerify(
        KeyFactory.getInstance("Ed448")
            .generatePublic(new X509EncodedKeySpec(key.publicKey().getEncoded())));
    verifier.update("tbs".getBytes());
    assertThat(verifier.verify(sig)).isTrue();
    assertThatThrownBy(() -> backend.signDigest(key, new byte[32]))
        .isInstanceOf(KeyBackendException.class);
  }

  @Test
  void neverOverwritesAKeyAndFailsClearlyOnAWrongPassword() throws Exception {
    var backend = new SoftwareKeyBackend(dir, "pw".toCharArray());
    KeyHandle key = backend.createKey(new KeyName("pnc-k"), KeyAlgorithm.EC_P256);
    byte[] file = Files.readAllBytes(dir.resolve("pnc-k.p12"));
    assertThatThrownBy(() -> backend.createKey(new KeyName("pnc-k"), KeyAlgorithm.EC_P256))
        .isInstanceOf(KeyBackendException.class)
        .hasMessageContaining("exists already");
    assertThat(Files.readAllBytes(dir.resolve("pnc-k.p12"))).isEqualTo(file);
    assertThat(backend.findKey(new KeyName("pnc-none"))).isEmpty();

    var wrong = new SoftwareKeyBackend(dir, "nope".toCharArray());
    assertThatThrownBy(() -> wrong.findKey(key.name()))
        .isInstanceOf(KeyBackendException.class)
        .hasMessageContaining("wrong keystore password");
  }
}
