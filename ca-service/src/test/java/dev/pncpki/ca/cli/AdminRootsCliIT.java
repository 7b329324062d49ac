package dev.pncpki.ca.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pncpki.ca.app.EmbeddedCaForClients;
import dev.pncpki.ca.cli.AdminCliRun.Run;
import dev.pncpki.ca.testing.OpensslRootOperator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The root pool verbs against the real service, with a trust list of two external roots made on the
 * openssl command line: import it as a PEM bundle with its fingerprint list, see it, refuse a list
 * that does not match, remove a root.
 */
class AdminRootsCliIT {
  @TempDir static Path dir;
  private static EmbeddedCaForClients ca;
  private static OpensslRootOperator first;
  private static OpensslRootOperator second;

  @BeforeAll
  static void start() throws Exception {
    ca = new EmbeddedCaForClients(dir);
    first =
        OpensslRootOperator.create(
            dir.resolve("first"), "/CN=List Root One/O=Trust List", "prime256v1");
    second =
        OpensslRootOperator.create(
            dir.resolve("second"), "/CN=List Root Two/O=Trust List", "secp521r1");
  }

  @AfterAll
  static void stop() {
    ca.close();
  }

  private static Run admin(String... args) {
    return AdminCliRun.admin(ca.url(), EmbeddedCaForClients.ADMIN_TOKEN, args);
  }

  private static Run ok(Run run) {
    assertThat(run.failure()).as(run.err()).isEmpty();
    assertThat(run.exitStatus()).as(run.err()).isZero();
    return run;
  }

  @Test
  void aTrustListIsImportedOnceCheckedAgainstItsFingerprintsAndListed() throws Exception {
    Path bundle =
        Files.writeString(
            dir.resolve("bundle.pem"),
            Files.readString(first.root) + Files.readString(second.root));
    Path fingerprints =
        Files.writeString(
            dir.resolve("fingerprints.txt"),
            "# published with the list\nSHA256 Fingerprint="
                + OpensslRootOperator.sha256(first.root)
                + "\n"
                + OpensslRootOperator.sha256(second.root).replace(":", "").toLowerCase()
                + "  List Root Two\n");
    Path wrong =
        Files.writeString(dir.resolve("wrong.txt"), OpensslRootOperator.sha256(first.root) + "\n");

    Run refused =
        admin(
            "root-import",
            "--type",
            "V2G",
            "--file",
            bundle.toString(),
            "--fingerprints",
            wrong.toString());
    assertThat(refused.exitStatus()).isEqualTo(1);
    assertThat(refused.err()).contains("is not in").contains("nothing was imported");
    assertThat(ok(admin("roots")).out()).contains("no pooled root");

    Run imported =
        ok(
            admin(
                "root-import",
                "--type",
                "V2G",
                "--file",
                bundle.toString(),
                "--fingerprints",
                fingerprints.toString()));
    assertThat(imported.out()).startsWith("added 2, pooled already 0").contains("List Root One");
    Run again =
        ok(
            admin(
                "root-import",
                "--type",
                "V2G",
                "--file",
                bundle.toString(),
                "--fingerprints",
                fingerprints.toString()));
    assertThat(again.out()).startsWith("added 0, pooled already 2");

    String listed = ok(admin("roots", "--type", "v2g")).out();
    assertThat(listed).contains("List Root One").contains("List Root Two");
    assertThat(ok(admin("roots", "--expiring-within-days", "30")).out()).contains("no pooled root");
    assertThat(ok(admin("roots", "--expiring-within-days", "4000")).out())
        .contains("List Root One");

    Matcher id = Pattern.compile("(?m)^([0-9a-f-]{36}) +V2G .*List Root Two").matcher(listed);
    assertThat(id.find()).as(listed).isTrue();
    assertThat(ok(admin("root-remove", id.group(1))).out()).contains("removed root");
    assertThat(ok(admin("roots")).out()).doesNotContain("List Root Two");
  }

  @Test
  void aSingleRootNeedsItsFingerprintAndARootOnly() throws Exception {
    OpensslRootOperator third =
        OpensslRootOperator.create(dir.resolve("third"), "/CN=Single Root/O=Op", "prime256v1");
    Path sub = third.issue("/CN=Single Sub-CA 1/O=Op", "v3_sub_ca_1", "sub");
    Run notRoot =
        admin(
            "root-add",
            "--type",
            "MO",
            "--file",
            sub.toString(),
            "--fingerprint",
            OpensslRootOperator.sha256(sub));
    assertThat(notRoot.exitStatus()).isEqualTo(2);
    assertThat(notRoot.err()).startsWith("error: not-a-root: ");
    Run added =
        ok(
            admin(
                "root-add",
                "--type",
                "MO",
                "--file",
                third.root.toString(),
                "--fingerprint",
                OpensslRootOperator.sha256(third.root)));
    assertThat(added.out()).contains("Single Root").contains("MO");
  }
}
