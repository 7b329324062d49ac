package dev.pncpki.ca.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pncpki.ca.testing.FreePorts;
import dev.pncpki.ca.testing.OpenBao;
import dev.pncpki.ca.testing.OpenBaoExtension;
import dev.pncpki.ca.testing.Openssl;
import io.dropwizard.core.cli.Cli;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.util.JarLocation;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The admin command as a security admin runs it, with its output as they would read it. */
@ExtendWith(OpenBaoExtension.class)
class CeremonyCommandIT {
  @TempDir Path dir;

  record Run(Optional<Throwable> failure, String out, String err) {}

  private Run ceremony(String config, String plan) throws Exception {
    Path configFile = dir.resolve("config.yml");
    Files.writeString(configFile, config);
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    var app = new CaApplication();
    var bootstrap = new Bootstrap<>(app);
    app.initialize(bootstrap);
    var cli =
        new Cli(
            new JarLocation(getClass()),
            bootstrap,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    Optional<Throwable> failure;
    PrintStream console = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8)); // the command prints here
    try {
      if (plan == null) {
        failure = cli.run("ceremony", configFile.toString());
      } else {
        Path planFile = dir.resolve("plan.yaml");
        Files.writeString(planFile, plan);
        failure = cli.run("ceremony", configFile.toString(), "--plan", planFile.toString());
      }
    } finally {
      System.setOut(console);
    }
    return new Run(
        failure, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private String vaultConfig(String address, String token) {
    return """
        keys: {type: vault, address: "%s", token: "%s"}
        hierarchy: {directory: "%s", ceremonyOnStart: false}
        publicUrl: http://localhost:8080
        logging: {level: WARN}
        """
        .formatted(address, token, dir.resolve("out"));
  }

  @Test
  void createsTheDemoHierarchyInOpenBaoThenFindsItInPlace(OpenBao bao) throws Exception {
    // the demo plan's key names are fixed; this is the only test that uses them in OpenBao
    Run first = ceremony(vaultConfig(bao.address(), bao.serviceToken()), null);
    assertThat(first.failure()).isEmpty();
    assertThat(first.out()).contains("created  v2g-root").contains("Vault/OpenBao Transit");
    Run second = ceremony(vaultConfig(bao.address(), bao.serviceToken()), null);
    assertThat(second.failure()).isEmpty();
    assertThat(second.out()).doesNotContain("created ").contains("exists   cps-leaf");
  }

  @Test
  void vaultDownGivesOneLineAndCreatesNothing() throws Exception {
    int port;
    port = FreePorts.next();
    Run run = ceremony(vaultConfig("http://127.0.0.1:" + port, "x"), null);
    assertThat(run.failure()).isPresent();
    assertThat(run.err().strip())
        .startsWith(
            "ceremony failed: key backend: cannot reach OpenBao/Vault at http://127.0.0.1:" + port)
        .doesNotContain("\n");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void badPlanGivesOneLine() throws Exception {
    Run run =
        ceremony(
            vaultConfig("http://127.0.0.1:1", "x"),
            """
            baseUrl: http://localhost:8080
            certificates:
              - {id: r, profile: v3g-root, validityDays: 10, subject: {commonName: R}}
            """);
    assertThat(run.err().strip())
        .startsWith("ceremony failed: plan.yaml: certificates[0] (r): unknown profile \"v3g-root\"")
        .doesNotContain("\n");
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void ed448HierarchyWithTheSoftwareBackendVerifiesWithOpenssl() throws Exception {
    String config =
        """
        keys: {type: software, directory: "%s", password: test-only}
        hierarchy: {directory: "%s", ceremonyOnStart: false}
        publicUrl: http://localhost:8080
        logging: {level: WARN}
        """
            .formatted(dir.resolve("keys"), dir.resolve("out"));
    Run run =
        ceremony(
            config,
            """
            baseUrl: http://localhost:8080
            suite: iso15118-20-ed448
            certificates:
              - {id: root, profile: v2g-root, validityDays: 3650, curve: Ed448,
                 subject: {commonName: Ed448 Root, organization: Demo, country: DE}}
              - {id: sub1, profile: cpo-sub-ca-1, issuer: root, validityDays: 1460,
                 subject: {commonName: Ed448 CPO Sub-CA 1, organization: Demo, country: DE}}
              - {id: sub2, profile: cpo-sub-ca-2, issuer: sub1, validityDays: 730,
                 subject: {commonName: Ed448 CPO Sub-CA 2, organization: Demo, country: DE}}
              - {id: ocsp, profile: ocsp-signer, issuer: sub2, validityDays: 365,
                 subject: {commonName: Ed448 OCSP, organization: Demo}}
            """);
    assertThat(run.failure()).isEmpty();
    Path out = dir.resolve("out");
    Path chain = dir.resolve("untrusted.pem");
    Files.writeString(
        chain,
        Files.readString(out.resolve("sub1.pem")) + Files.readString(out.resolve("sub2.pem")));
    var verify =
        Openssl.run(
            "verify",
            "-x509_strict",
            "-purpose",
            "any",
            "-CAfile",
            out.resolve("root.pem").toString(),
            "-untrusted",
            chain.toString(),
            out.resolve("ocsp.pem").toString());
    assertThat(verify.exitCode()).as(verify.output()).isZero();
    assertThat(
            Openssl.run("x509", "-in", out.resolve("sub2.pem").toString(), "-noout", "-text")
                .output())
        .contains("Signature Algorithm: ED448");
  }
}
