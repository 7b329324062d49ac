package dev.pncpki.ca.issuance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pncpki.ca.ceremony.TestHierarchy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the ceremony's folder becomes rows: issuers first, each certificate a certificate row. */
class HierarchyImportTest {
  @TempDir Path dir;

  private static AuthorityRow row(String id, String issuer) {
    return new AuthorityRow(
        id,
        "cpo-sub-ca-1",
        issuer,
        "pnc-" + id + "#1",
        "1",
        new byte[0],
        Instant.EPOCH,
        "http://x");
  }

  @Test
  void issuersComeBeforeWhatTheyIssuedWhateverTheManifestsOrder() {
    var ordered =
        HierarchyImport.issuersFirst(
            List.of(
                row("leaf", "sub2"), row("sub2", "sub1"), row("sub1", "root"), row("root", null)));
    assertThat(ordered)
        .extracting(AuthorityRow::id)
        .containsExactly("root", "sub1", "sub2", "leaf");
    // an issuer only the database holds (not listed) does not hold the others back
    assertThat(HierarchyImport.issuersFirst(List.of(row("sub2", "sub1-elsewhere"))))
        .extracting(AuthorityRow::id)
        .containsExactly("sub2");
  }

  @Test
  void issuersInACycleAreRefused() {
    assertThatThrownBy(() -> HierarchyImport.issuersFirst(List.of(row("a", "b"), row("b", "a"))))
        .isInstanceOf(HierarchyImport.Refused.class)
        .hasMessageContaining("cycle");
  }

  @Test
  void eachCertificateBecomesAnIssuedRowARootIssuedByItself() throws Exception {
    var made = TestHierarchy.in(dir);
    made.run(TestHierarchy.CPO, Instant.now());
    var rows = HierarchyImport.rows(made.directory());
    Clock clock = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);

    var root = HierarchyImport.certificateRow(rows.get(0), clock);
    var sub1 = HierarchyImport.certificateRow(rows.get(1), clock);

    assertThat(root.authorityId()).isEqualTo("root");
    assertThat(root.issuerId()).isEqualTo("root");
    assertThat(sub1.issuerId()).isEqualTo("root");
    assertThat(sub1.subjectCn()).isEqualTo("Test Sub-CA 1");
    assertThat(sub1.profile()).isEqualTo("cpo-sub-ca-1");
    assertThat(sub1.sha256())
        .isEqualTo(MessageDigest.getInstance("SHA-256").digest(rows.get(1).certificate()));
    assertThat(sub1.createdAt()).isEqualTo(clock.instant());
    assertThat(sub1.notAfter()).isEqualTo(rows.get(1).notAfter());
  }

  @Test
  void aFolderWithoutAManifestOrWithABrokenFileIsRefusedInOneLine() throws Exception {
    assertThatThrownBy(() -> HierarchyImport.rows(dir))
        .isInstanceOf(HierarchyImport.Refused.class)
        .hasMessageContaining("hierarchy.json");
    var made = TestHierarchy.in(dir);
    made.run(TestHierarchy.CPO, Instant.now());
    Files.writeString(made.directory().resolve("sub1.pem"), "");
    assertThatThrownBy(() -> HierarchyImport.rows(made.directory()))
        .isInstanceOf(HierarchyImport.Refused.class)
        .hasMessage("the file of authority sub1 holds no certificate");
  }
}
