package dev.pncpki.ca.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pncpki.ca.testing.Csrs;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Production authentication: mutual TLS, the client certificate's subject mapped to roles. */
class MutualTlsIT {
  @TempDir Path dir;

  private void keytool(String... args) throws Exception {
    var command = new java.util.ArrayList<String>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(java.util.List.of(args));
    var p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(out).isZero();
  }

  private void keyPair(String store, String alias, String dname, String... extra) throws Exception {
    var args =
        new java.util.ArrayList<>(
            java.util.List.of(
                "-genkeypair",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-alias",
                alias,
                "-dname",
                dname,
                "-validity",
                "2",
                "-keystore",
                dir.resolve(store).toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                "changeit"));
    args.addAll(java.util.List.of(extra));
    keytool(args.toArray(String[]::new));
    keytool(
        "-exportcert",
        "-alias",
        alias,
        "-keystore",
        dir.resolve(store).toString(),
        "-storepass",
        "changeit",
        "-file",
        dir.resolve(alias + ".cer").toString());
  }

  private void trust(String store, String alias) throws Exception {
    keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        alias,
        "-file",
        dir.resolve(alias + ".cer").toString(),
        "-keystore",
        dir.resolve(store).toString(),
        "-storetype",
        "PKCS12",
        "-storepass",
        "changeit");
  }

  private HttpClient client(String keyStore) throws Exception {
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(dir.resolve(keyStore))) {
      keys.load(in, "changeit".toCharArray());
    }
    KeyStore trust = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(dir.resolve("client-trust.p12"))) {
      trust.load(in, "changeit".toCharArray());
    }
    var kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, "changeit".toCharArray());
    var tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext ssl = SSLContext.getInstance("TLS");
    ssl.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return HttpClient.newBuilder().sslContext(ssl).build();
  }

  @Test
  void aKnownClientCertificateActsWithItsRolesAndAnUnknownOneIsRefused() throws Exception {
    keyPair("server.p12", "server", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost");
    keyPair("bridge.p12", "bridge", "CN=bridge-1,O=Demo CPO");
    keyPair("stranger.p12", "stranger", "CN=stranger,O=Elsewhere");
    keyPair("admin.p12", "admin", "CN=security-admin-1,O=Demo CPO");
    trust("server-trust.p12", "admin");
    trust("server-trust.p12", "bridge");
    trust("server-trust.p12", "stranger");
    trust("client-trust.p12", "server");
    String connector =
        "{type: https, bindHost: 127.0.0.1, port: 0, keyStorePath: \"%s\", keyStorePassword: changeit, keyStoreType: PKCS12,"
                .formatted(dir.resolve("server.p12"))
            + " trustStorePath: \"%s\", trustStorePassword: changeit, trustStoreType: PKCS12, needClientAuth: true}"
                .formatted(dir.resolve("server-trust.p12"));
    String roles =
        "clientCertificates: [{subject: \"CN=bridge-1,O=Demo CPO\", roles: [bridge], organization: Demo CPO},"
            + " {subject: \"CN=security-admin-1,O=Demo CPO\", roles: [admin]}]";
    String keys = RunningCa.softwareKeys(dir);

    try (var ca = new RunningCa(dir, keys, true, connector, roles, client("bridge.p12"))) {
      var csr = Csrs.p256("CN=CS-MTLS-1, O=Demo CPO");
      var own =
          ca.postJson(
              "/v1/certificates",
              null,
              Map.of("profile", "charging-station-client", "csr", csr, "identity", "CS-MTLS-1"));
      assertThat(own.status()).as(own.body()).isEqualTo(201);
      var contract =
          ca.postJson(
              "/v1/certificates",
              null,
              Map.of("profile", "contract-leaf", "csr", csr, "identity", "CS-MTLS-1"));
      assertThat(contract.status()).isEqualTo(403);
      assertThat(
              ca.rows(
                  "select count(*) from audit_event where actor = 'CN=bridge-1,O=Demo CPO' and action = 'issue'"))
          .isEqualTo(1);

      // The admin CLI over mutual TLS, as production requires (no API tokens there)
      String url = "https://127.0.0.1:" + ca.port();
      Map<String, String> env =
          Map.of(
              "PNC_CLIENT_KEYSTORE_PASSWORD", "changeit", "PNC_TRUST_STORE_PASSWORD", "changeit");
      String admin =
          dev.pncpki.ca.cli.MutualTlsCli.run(
              env,
              "verify-audit",
              "--url",
              url,
              "--client-keystore",
              dir.resolve("admin.p12").toString(),
              "--trust-store",
              dir.resolve("client-trust.p12").toString());
      assertThat(admin).contains("intact");
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () ->
                  dev.pncpki.ca.cli.MutualTlsCli.run(
                      env,
                      "verify-audit",
                      "--url",
                      url,
                      "--client-keystore",
                      dir.resolve("bridge.p12").toString(),
                      "--trust-store",
                      dir.resolve("client-trust.p12").toString()))
          .hasMessageContaining("forbidden");
    }
  }
}
