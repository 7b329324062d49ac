package dev.pncpki.ca.ceremony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pncpki.ca.issuance.SerialNumbers;
import dev.pncpki.ca.issuance.TemplateSigning;
import dev.pncpki.ca.keys.KeyHandle;
import dev.pncpki.ca.keys.vault.VaultAuth;
import dev.pncpki.ca.keys.vault.VaultSettings;
import dev.pncpki.ca.keys.vault.VaultTransitKeyBackend;
import dev.pncpki.ca.testing.FreePorts;
import dev.pncpki.ca.testing.OpenBao;
import dev.pncpki.ca.testing.OpenBaoExtension;
import dev.pncpki.ca.testing.Openssl;
import dev.pncpki.policies.profile.IssuerRef;
import dev.pncpki.policies.profile.ProfileCatalog;
import dev.pncpki.policies.profile.SubjectFields;
import dev.pncpki.policies.profile.TemplateRequest;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The demo hierarchy made with keys in a real OpenBao, using only the pnc-ca policy's token. */
@ExtendWith(OpenBaoExtension.class)
class CeremonyIT {

  static CeremonyPlan demoPlan(String prefix) throws Exception {
    Path yaml = Files.createTempFile("demo", ".yaml");
    try (var in = CeremonyIT.class.getResourceAsStream("/ceremony/demo-hierarchy.yaml")) {
      // a per-test id prefix keeps the key names of different tests apart in the shared OpenBao
      String text = new String(in.readAllBytes()).replaceAll("(id|issuer): ", "$1: " + prefix);
      Files.writeString(yaml, text);
    }
    return CeremonyPlanReader.read(yaml, URI.create("http://localhost:8080"));
  }

  static VaultTransitKeyBackend backend(OpenBao bao) {
    return VaultTransitKeyBackend.connect(
        VaultSettings.of(bao.address(), new VaultAuth.Token(bao.serviceToken())));
  }

  @Test
  void demoHierarchyPassesProfileSizeAndOpensslChecksAndSecondRunChangesNothing(
      OpenBao bao, @TempDir Path dir) throws Exception {
    CeremonyPlan plan = demoPlan("a-");
    var backend = backend(bao);
    var ceremony = new Ceremony(backend, dir, Clock.systemUTC(), new SecureRandom());

    List<Ceremony.Outcome> first = ceremony.run(plan);
    assertThat(first).hasSize(plan.certificates().size()).allMatch(Ceremony.Outcome::created);
    CeremonyChains.checkAll(plan, dir);

    String before = DirectorySnapshot.of(dir);
    String keysBefore = transitKeys(bao);
    List<Ceremony.Outcome> second = ceremony.run(plan);
    assertThat(second).noneMatch(Ceremony.Outcome::created);
    assertThat(DirectorySnapshot.of(dir)).isEqualTo(before);
    assertThat(transitKeys(bao)).isEqualTo(keysBefore);
  }

  @Test
  void leavesIssuedUnderTheSubCa2VerifyWithOpenssl(OpenBao bao, @TempDir Path dir)
      throws Exception {
    CeremonyPlan plan = demoPlan("b-");
    var backend = backend(bao);
    new Ceremony(backend, dir, Clock.systemUTC(), new SecureRandom()).run(plan);

    issueAndVerify(
        plan,
        dir,
        backend,
        "b-cpo-sub-ca-2",
        "secc-leaf",
        SubjectFields.of("DE-ICE-S-00003C4D557878675645330967543476-2", "pnc-pki demo CPO", "DE"));
    issueAndVerify(
        plan,
        dir,
        backend,
        "b-mo-sub-ca-2",
        "contract-leaf",
        SubjectFields.of("DE8AACA2B3C4D5L", "pnc-pki demo MO", "DE"));
    issueAndVerify(
        plan,
        dir,
        backend,
        "b-cpo-sub-ca-2",
        "charging-station-client",
        SubjectFields.of("CS001", "pnc-pki demo CPO", null));

    var keyUsage =
        Openssl.run(
            "x509",
            "-in",
            dir.resolve("leaf-secc-leaf.pem").toString(),
            "-noout",
            "-ext",
            "keyUsage,basicConstraints");
    assertThat(keyUsage.output())
        .contains("critical")
        .contains("Digital Signature, Key Agreement")
        .contains("CA:FALSE");
  }

  private static void issueAndVerify(
      CeremonyPlan plan,
      Path dir,
      VaultTransitKeyBackend backend,
      String issuerId,
      String profile,
      SubjectFields subject)
      throws Exception {
    var generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    var leafKey =
        SubjectPublicKeyInfo.getInstance(generator.generateKeyPair().getPublic().getEncoded());
    X509CertificateHolder issuer = new HierarchyFiles(dir).read(issuerId).orElseThrow();
    KeyHandle issuerKey =
        backend.findKey(plan.find(issuerId).orElseThrow().keyName()).orElseThrow();
    Instant now = Instant.now();
    var request =
        new TemplateRequest(
            subject,
            leafKey,
            Optional.of(IssuerRef.of(issuer)),
            SerialNumbers.random(new SecureRandom()),
            now,
            now.plus(Duration.ofDays(60)),
            Optional.of(plan.ocspUrl(issuerId)),
            Optional.of(plan.crlUrl(issuerId)));
    var cert =
        TemplateSigning.signAndCheck(
            ProfileCatalog.byLabel(profile).template(request), backend, issuerKey);
    assertThat(cert.getEncoded().length).isLessThanOrEqualTo(800);
    Path pem = dir.resolve("leaf-" + profile + ".pem");
    Files.writeString(pem, dev.pncpki.ca.pem.Pem.of(cert));
    CeremonyChains.verifyChain(plan, dir, pem, issuerId, profile);
  }

  @Test
  void iso15118Dash20P521HierarchyVerifies(OpenBao bao, @TempDir Path dir) throws Exception {
    Path yaml = Files.createTempFile("p521", ".yaml");
    Files.writeString(
        yaml,
        """
        baseUrl: https://pki.example.test
        suite: iso15118-20-p521
        certificates:
          - {id: c-v2g-root, profile: v2g-root, validityDays: 3650, curve: secp521r1,
             subject: {commonName: P521 Root, organization: Demo, country: DE}}
          - {id: c-cps-sub-ca-1, profile: cps-sub-ca-1, issuer: c-v2g-root, validityDays: 1460,
             subject: {commonName: P521 CPS Sub-CA 1, organization: Demo, country: DE}}
          - {id: c-cps-sub-ca-2, profile: cps-sub-ca-2, issuer: c-cps-sub-ca-1, validityDays: 730,
             subject: {commonName: P521 CPS Sub-CA 2, organization: Demo, country: DE}}
          - {id: c-cps-leaf, profile: cps-leaf, issuer: c-cps-sub-ca-2, validityDays: 60,
             subject: {commonName: P521 CPS Leaf, organization: Demo, country: DE}}
        """);
    CeremonyPlan plan = CeremonyPlanReader.read(yaml, URI.create("https://pki.example.test"));
    new Ceremony(backend(bao), dir, Clock.systemUTC(), new SecureRandom()).run(plan);
    CeremonyChains.checkAll(plan, dir);
    var text =
        Openssl.run("x509", "-in", dir.resolve("c-cps-leaf.pem").toString(), "-noout", "-text");
    assertThat(text.output()).contains("ecdsa-with-SHA512").contains("NIST CURVE: P-521");
  }

  @Test
  void unreachableVaultCreatesNothing(@TempDir Path dir) throws Exception {
    CeremonyPlan plan = demoPlan("d-");
    var down =
        VaultTransitKeyBackend.connect(
            VaultSettings.of("http://127.0.0.1:" + freePort(), new VaultAuth.Token("t")));
    assertThatThrownBy(
            () -> new Ceremony(down, dir, Clock.systemUTC(), new SecureRandom()).run(plan))
        .isInstanceOf(CeremonyException.class)
        .hasMessageStartingWith("key backend: cannot reach OpenBao/Vault at http://127.0.0.1:")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void aProfileViolationInThePlanCreatesNoKey(OpenBao bao, @TempDir Path dir) throws Exception {
    Path yaml = Files.createTempFile("bad", ".yaml");
    Files.writeString(
        yaml,
        """
        baseUrl: http://localhost:8080
        certificates:
          - {id: e-mo-root, profile: mo-root, validityDays: 3650,
             subject: {commonName: MO Root, organization: Demo, country: DE}}
          - {id: e-mo-sub-ca-1, profile: mo-sub-ca-1, issuer: e-mo-root, validityDays: 1460,
             subject: {commonName: MO Sub 1, organization: Demo, country: de}}
        """);
    String keysBefore = transitKeys(bao);
    CeremonyPlan plan = CeremonyPlanReader.read(yaml, URI.create("http://localhost:8080"));
    assertThatThrownBy(
            () -> new Ceremony(backend(bao), dir, Clock.systemUTC(), new SecureRandom()).run(plan))
        .isInstanceOf(CeremonyException.class)
        .hasMessageContaining("certificate e-mo-sub-ca-1 (mo-sub-ca-1)")
        .hasMessageContaining("ISO 3166-1 alpha-2");
    assertThat(dir).isEmptyDirectory();
    assertThat(transitKeys(bao)).isEqualTo(keysBefore);
  }

  private static int freePort() throws Exception {
    return FreePorts.next();
  }

  private static String transitKeys(OpenBao bao) {
    return bao.root("LIST", "transit/keys", null).json().path("data").path("keys").toString();
  }
}
