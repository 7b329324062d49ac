package dev.pncpki.ca.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pncpki.ca.app.EmbeddedCaForClients;
import dev.pncpki.ca.cli.AdminCliRun.Run;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Sub-CA revocation runbook of docs/operations.md with the admin CLI against the real service:
 * {@code ca-revoke}, then {@code ca-affected} to list the stations to move, {@code cas} showing the
 * status, and issuance under the revoked CA refused with a one-line problem.
 */
class CaRevocationCliIT {
  @TempDir static Path dir;
  private static EmbeddedCaForClients ca;

  @BeforeAll
  static void start() throws Exception {
    ca = new EmbeddedCaForClients(dir);
  }

  @AfterAll
  static void stop() {
    ca.close();
  }

  private static Run admin(String... args) {
    return AdminCliRun.admin(ca.url(), EmbeddedCaForClients.ADMIN_TOKEN, args);
  }

  private static Path csrFile(String subject) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    var pair = g.generateKeyPair();
    var request =
        new JcaPKCS10CertificationRequestBuilder(new X500Name(subject), pair.getPublic())
            .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
    var pem = new StringWriter();
    try (var w = new JcaPEMWriter(pem)) {
      w.writeObject(request);
    }
    Path file = Files.createTempFile(dir, "csr", ".pem");
    Files.writeString(file, pem.toString());
    return file;
  }

  private static Run issueStation(String cn) throws Exception {
    return admin(
        "issue",
        "--profile",
        "charging-station-client",
        "--csr",
        csrFile("CN=" + cn + ", O=Demo CPO").toString());
  }

  @Test
  void revokeListMoveAndRefuse() throws Exception {
    for (String station : new String[] {"CS-MOVE-1", "CS-MOVE-2", "CS-MOVE-3"}) {
      Run issued = issueStation(station);
      assertThat(issued.failure()).as(issued.err()).isEmpty();
    }
    Run bad = admin("ca-revoke", "cpo-sub-ca-2", "--reason", "becauseISaidSo");
    assertThat(bad.failure()).isPresent();
    assertThat(bad.err()).contains("malformed-request");
    Run root = admin("ca-revoke", "v2g-root", "--reason", "cACompromise");
    assertThat(root.err()).contains("root-not-revocable");

    Run revoked = admin("ca-revoke", "cpo-sub-ca-2", "--reason", "cACompromise");
    assertThat(revoked.failure()).as(revoked.err()).isEmpty();
    assertThat(revoked.out())
        .containsPattern("(?m)^ca +cpo-sub-ca-2$")
        .containsPattern("(?m)^issuer +cpo-sub-ca-1$")
        .containsPattern("(?m)^reason +cACompromise$")
        .containsPattern("(?m)^valid below +3 charging-station-client$")
        .contains("list them: bin/pnc-ca admin ca-affected cpo-sub-ca-2 --status valid");

    Run page = admin("ca-affected", "cpo-sub-ca-2", "--status", "valid", "--limit", "2");
    assertThat(page.failure()).as(page.err()).isEmpty();
    assertThat(page.out())
        .startsWith("CA cpo-sub-ca-2: revoked since ")
        .contains("(cACompromise)")
        .contains("(more: --after cpo-sub-ca-2/");
    String after = page.out().replaceAll("(?s).*\\(more: --after (\\S+)\\)\\s*$", "$1");
    Run rest = admin("ca-affected", "cpo-sub-ca-2", "--status", "valid", "--after", after);
    String both = page.out() + rest.out();
    assertThat(both).contains("CS-MOVE-1").contains("CS-MOVE-2").contains("CS-MOVE-3");
    assertThat(rest.out()).doesNotContain("(more:");

    assertThat(admin("cas").out()).containsPattern("(?m)^cpo-sub-ca-2 .* revoked$");
    Run refused = issueStation("CS-MOVE-4");
    assertThat(refused.failure()).isPresent();
    assertThat(refused.err()).contains("issuer-revoked").doesNotContain("\tat ");
    Run again = admin("ca-revoke", "cpo-sub-ca-2", "--reason", "superseded");
    assertThat(again.err()).contains("already-revoked");
  }
}
