package dev.pncpki.ca.keys.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pncpki.ca.keys.KeyBackendException;
import dev.pncpki.ca.keys.KeyHandle;
import dev.pncpki.ca.keys.KeyName;
import dev.pncpki.ca.testing.FreePorts;
import dev.pncpki.ca.testing.OpenBao;
import dev.pncpki.ca.testing.OpenBaoExtension;
import dev.pncpki.policies.profile.KeyAlgorithm;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(OpenBaoExtension.class)
class VaultTransitKeyBackendIT {

  private static KeyName fresh() {
    return new KeyName("pnc-test-" + UUID.randomUUID().toString().substring(0, 8));
  }

  private static VaultTransitKeyBackend service(OpenBao bao) {
    return VaultTransitKeyBackend.connect(
        VaultSettings.of(bao.address(), new VaultAuth.Token(bao.serviceToken())));
  }

  @Test
  void createsP256AndP521KeysAndSignsPrehashedDigestsWithOnlyThePolicy(OpenBao bao)
      throws Exception {
    var backend = service(bao);
    for (KeyAlgorithm algorithm : List.of(KeyAlgorithm.EC_P256, KeyAlgorithm.EC_P521)) {
      KeyHandle key = backend.createKey(fresh(), algorithm);
      assertThat(key.version()).isEqualTo(1);
      assertThat(backend.findKey(key.name())).contains(key);
      byte[] message = "to be signed".getBytes();
      String digest = algorithm.digestName().orElseThrow();
      byte[] signature = backend.signDigest(key, MessageDigest.getInstance(digest).digest(message));
      assertThat(verify(key, digest.replace("-", "") + "withECDSA", message, signature)).isTrue();
    }
  }

  @Test
  void keysAreNotExportableAndThePolicyCannotMakeThemSo(OpenBao bao) {
    var backend = service(bao);
    KeyHandle key = backend.createKey(fresh(), KeyAlgorithm.EC_P256);

    var export = bao.root("GET", "transit/export/signing-key/" + key.name(), null);
    assertThat(export.status()).isEqualTo(400);
    assertThat(export.body()).contains("not exportable");

    var makeExportable =
        bao.call(
            bao.serviceToken(),
            "POST",
            "transit/keys/" + key.name() + "/config",
            Map.of("exportable", true));
    assertThat(makeExportable.status()).isEqualTo(403);
    var rotate =
        bao.call(bao.serviceToken(), "POST", "transit/keys/" + key.name() + "/rotate", null);
    assertThat(rotate.status()).isEqualTo(403);
    var delete = bao.call(bao.serviceToken(), "DELETE", "transit/keys/" + key.name(), null);
    assertThat(delete.status()).isEqualTo(403);
  }

  @Test
  void neverReplacesAnExistingKey(OpenBao bao) {
    var backend = service(bao);
    KeyHandle key = backend.createKey(fresh(), KeyAlgorithm.EC_P256);
    assertThatThrownBy(() -> backend.createKey(key.name(), KeyAlgorithm.EC_P256))
        .isInstanceOf(KeyBackendException.class)
        .hasMessageContaining("exists already");
    assertThat(backend.findKey(key.name())).contains(key);
  }

  @Test
  void signaturesStayPinnedToTheKeyVersionAfterARotation(OpenBao bao) throws Exception {
    var backend = service(bao);
    KeyHandle v1 = backend.createKey(fresh(), KeyAlgorithm.EC_P256);
    bao.root("POST", "transit/keys/" + v1.name() + "/rotate", null).requireOk();
    KeyHandle v2 = backend.findKey(v1.name()).orElseThrow();
    assertThat(v2.version()).isEqualTo(2);
    assertThat(v2.publicKey()).isNotEqualTo(v1.publicKey());

    byte[] message = "pinned".getBytes();
    byte[] signature = backend.signDigest(v1, MessageDigest.getInstance("SHA-256").digest(message));
    assertThat(verify(v1, "SHA256withECDSA", message, signature)).isTrue();
  }

  @Test
  void tokenWithoutThePolicyGetsAClearError(OpenBao bao) {
    String defaultOnly = bao.tokenWithPolicies(false, "default");
    var backend =
        VaultTransitKeyBackend.connect(
            VaultSettings.of(bao.address(), new VaultAuth.Token(defaultOnly)));
    assertThatThrownBy(() -> backend.createKey(fresh(), KeyAlgorithm.EC_P256))
        .isInstanceOf(KeyBackendException.class)
        .hasMessageContaining("permission denied")
        .hasMessageContaining("pnc-ca.hcl");
  }

  @Test
  void unreachableVaultGetsAClearError() throws Exception {
    int closedPort;
    closedPort = FreePorts.next();
    var backend =
        VaultTransitKeyBackend.connect(
            VaultSettings.of("http://127.0.0.1:" + closedPort, new VaultAuth.Token("x")));
    assertThatThrownBy(() -> backend.findKey(fresh()))
        .isInstanceOf(KeyBackendException.class)
        .hasMessageStartingWith("cannot reach OpenBao/Vault at http://127.0.0.1:" + closedPort);
  }

  @Test
  void logsInWithAppRole(OpenBao bao) throws Exception {
    bao.root("POST", "sys/auth/approle", Map.of("type", "approle")); // may exist already
    bao.root(
            "POST",
            "auth/approle/role/pnc-ca",
            Map.of(
                "token_policies",
                List.of("pnc-ca"),
                "token_no_default_policy",
                true,
                "token_ttl",
                "2s",
                "token_max_ttl",
                "2s"))
        .requireOk();
    String roleId =
        bao.root("GET", "auth/approle/role/pnc-ca/role-id", null)
            .requireOk()
            .json()
            .path("data")
            .path("role_id")
            .asText();
    String secretId =
        bao.root("POST", "auth/approle/role/pnc-ca/secret-id", null)
            .requireOk()
            .json()
            .path("data")
            .path("secret_id")
            .asText();
    var backend =
        VaultTransitKeyBackend.connect(
            VaultSettings.of(bao.address(), new VaultAuth.AppRole("approle", roleId, secretId)));
    KeyHandle key = backend.createKey(fresh(), KeyAlgorithm.EC_P256);
    byte[] message = "approle".getBytes();
    byte[] sig = backend.signDigest(key, MessageDigest.getInstance("SHA-256").digest(message));
    assertThat(verify(key, "SHA256withECDSA", message, sig)).isTrue();
    // the AppRole token lives 2 s; after it expires the backend logs in again by itself
    Thread.sleep(3_000);
    byte[] later = backend.signDigest(key, MessageDigest.getInstance("SHA-256").digest(message));
    assertThat(verify(key, "SHA256withECDSA", message, later)).isTrue();
    assertThat(backend.findKey(key.name())).contains(key);

    assertThatThrownBy(
            () ->
                VaultTransitKeyBackend.connect(
                    VaultSettings.of(
                        bao.address(), new VaultAuth.AppRole("approle", roleId, "wrong"))))
        .isInstanceOf(KeyBackendException.class)
        .hasMessageContaining("log in with AppRole");
  }

  @Test
  void concurrentSignaturesAreBatched(OpenBao bao) throws Exception {
    var backend = service(bao);
    KeyHandle key = backend.createKey(fresh(), KeyAlgorithm.EC_P256);
    int requests = 200;
    ExecutorService pool = Executors.newFixedThreadPool(32);
    List<Future<Boolean>> results = new ArrayList<>();
    for (int i = 0; i < requests; i++) {
      byte[] message = ("message " + i).getBytes();
      results.add(
          pool.submit(
              () -> {
                byte[] sig =
                    backend.signDigest(key, MessageDigest.getInstance("SHA-256").digest(message));
                return verify(key, "SHA256withECDSA", message, sig);
              }));
    }
    for (Future<Boolean> r : results) {
      assertThat(r.get()).isTrue();
    }
    pool.shutdown();
    assertThat(backend.transitCalls()).isLessThan(requests);
  }

  static boolean verify(KeyHandle key, String algorithm, byte[] message, byte[] signature)
      throws Exception {
    PublicKey publicKey =
        KeyFactory.getInstance("EC")
            .generatePublic(new X509EncodedKeySpec(key.publicKey().getEncoded()));
    Signature verifier = Signature.getInstance(algorithm);
    verifier.initVerify(publicKey);
    verifier.update(message);
    return verifier.verify(signature);
  }
}
