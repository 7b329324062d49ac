package dev.pncpki.policies.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/profiles.md is generated from the catalog; this test fails when it is out of date. */
class ProfileDocsTest {

  private static final Path DOC =
      Path.of(System.getProperty("user.dir")).resolve("../docs/profiles.md").normalize();

  @Test
  void docsProfilesMdMatchesTheCatalog() throws IOException {
    String expected = ProfileDocs.markdown();
    if (Boolean.getBoolean("pnc.writeDocs")) {
      Files.writeString(DOC, expected, StandardCharsets.UTF_8);
    }
    String hint =
        DOC
            + " is missing or out of date with ProfileCatalog. Regenerate it with: "
            + ProfileDocs.REGENERATE;

    assertThat(DOC).as(hint).exists();
    assertThat(Files.readString(DOC, StandardCharsets.UTF_8)).as(hint).isEqualTo(expected);
  }

  @Test
  void tablesEveryIso2ProfileAndTheIso20Suites() {
    String markdown = ProfileDocs.markdown();

    for (ProfileId id : ProfileId.values()) {
      assertThat(markdown).contains("\n### " + id.label() + "\n");
    }
    assertThat(markdown)
        .contains("| `iso15118-20-p521` | secp521r1 | 1600 |")
        .contains("| `iso15118-20-ed448` | Ed448 | 1600 |")
        .contains("| `iso15118-20-p521` | encoded-size | DER encoding at most 800 bytes |")
        .contains("not normative")
        .doesNotContain("@iso15118-2`");
  }

  @Test
  void everyRowHasFourOrFiveCells() {
    ProfileDocs.markdown()
        .lines()
        .filter(line -> line.startsWith("|"))
        .forEach(
            line ->
                assertThat(line.replace("\\|", "").chars().filter(c -> c == '|').count())
                    .as(line)
                    .isBetween(5L, 6L));
  }
}
