package dev.pncpki.ca.ceremony;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pncpki.ca.testing.Openssl;
import dev.pncpki.policies.profile.CertificateView;
import dev.pncpki.policies.profile.OcspAccessRule;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plan that adds to a hierarchy folder: a new Sub-CA under an existing Sub-CA 1, a new OCSP
 * signer for an existing CA. The folder's certificates stay as they are; the manifest keeps them.
 */
class CeremonyAddsToFolderTest {
  private static final String NEW_SUB_CA =
      """
      certificates:
        - {id: sub2b, profile: cpo-sub-ca-2, issuer: sub1, validityDays: 700,
           subject: {commonName: Test Sub-CA 2 B, organization: Test CPO, country: DE}}
        - {id: ocsp-sub2b, profile: ocsp-signer, issuer: sub2b, validityDays: 90,
           subject: {commonName: Test OCSP Sub-CA 2 B, organization: Test CPO, country: DE}}
      """;

  @TempDir Path dir;
  private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private TestHierarchy hierarchy;

  @BeforeEach
  void firstCeremony() throws Exception {
    hierarchy = TestHierarchy.in(dir);
    assertThat(hierarchy.run(TestHierarchy.CPO, t0)).hasSize(4).allMatch(Ceremony.Outcome::created);
  }

  private List<String> manifestIds() throws Exception {
    JsonNode manifest =
        new ObjectMapper().readTree(hierarchy.directory().resolve("hierarchy.json").toFile());
    List<String> ids = new ArrayList<>();
    manifest.path("certificates").forEach(e -> ids.add(e.path("id").asText()));
    return ids;
  }

  @Test
  void aNewSubCaUnderAnExistingSubCa1IsIssuedByItAndTheManifestKeepsTheRest() throws Exception {
    var outcomes = hierarchy.run(NEW_SUB_CA, t0.plus(Duration.ofDays(1)));

    assertThat(outcomes).extracting(Ceremony.Outcome::id).containsExactly("sub2b", "ocsp-sub2b");
    assertThat(outcomes).allMatch(Ceremony.Outcome::created);
    assertThat(manifestIds())
        .containsExactly("root", "sub1", "sub2a", "ocsp-sub2a", "sub2b", "ocsp-sub2b");
    Path folder = hierarchy.directory();
    var verify =
        Openssl.run(
            "verify",
            "-x509_strict",
            "-attime",
            Long.toString(t0.plus(Duration.ofDays(2)).getEpochSecond()),
            "-CAfile",
            folder.resolve("root.pem").toString(),
            "-untrusted",
            folder.resolve("sub1.pem").toString(),
            folder.resolve("sub2b.pem").toString());
    assertThat(verify.exitCode()).as(verify.output()).isZero();
    var sub2b = new HierarchyFiles(folder).read("sub2b").orElseThrow();
    assertThat(OcspAccessRule.ocspUrl(CertificateView.of(sub2b)))
        .contains("http://127.0.0.1:8080/ocsp/sub1");
  }

  @Test
  void runningEitherPlanAgainChangesNothing() throws Exception {
    hierarchy.run(NEW_SUB_CA, t0.plus(Duration.ofDays(1)));
    String before = DirectorySnapshot.of(hierarchy.directory());

    assertThat(hierarchy.run(NEW_SUB_CA, t0.plus(Duration.ofDays(2))))
        .noneMatch(Ceremony.Outcome::created);
    assertThat(hierarchy.run(TestHierarchy.CPO, t0.plus(Duration.ofDays(2))))
        .noneMatch(Ceremony.Outcome::created);

    assertThat(DirectorySnapshot.of(hierarchy.directory())).isEqualTo(before);
    assertThat(manifestIds()).contains("sub2b", "ocsp-sub2b");
  }

  @Test
  void anIssuerNeitherPlannedNorInTheFolderIsRefusedBeforeAnythingIsMade() throws Exception {
    String before = DirectorySnapshot.of(hierarchy.directory());
    assertThatThrownBy(() -> hierarchy.run(NEW_SUB_CA.replace("issuer: sub1", "issuer: nope"), t0))
        .isInstanceOf(CeremonyException.class)
        .hasMessageContaining("issuer \"nope\" is not defined before it");
    assertThat(DirectorySnapshot.of(hierarchy.directory())).isEqualTo(before);
  }

  @Test
  void theFoldersCertificatesKeepTheirRules() {
    // the chain shape: a Sub-CA 2 under the root itself
    assertThatThrownBy(() -> hierarchy.run(NEW_SUB_CA.replace("issuer: sub1", "issuer: root"), t0))
        .hasMessageContaining("v2g-root cannot issue cpo-sub-ca-2");
    // no child outlives the days its issuer has left: sub1 has 1000 days, 600 of them gone
    Instant later = t0.plus(Duration.ofDays(600));
    assertThatThrownBy(() -> hierarchy.run(NEW_SUB_CA, later))
        .hasMessageContaining("validityDays 700 outlasts issuer sub1 (400)");
  }

  @Test
  void aFolderMadeForAnotherUrlIsNotAddedTo() throws Exception {
    Path file = Files.writeString(dir.resolve("add.yaml"), NEW_SUB_CA);
    var existing = ExistingHierarchy.read(hierarchy.directory(), t0);
    assertThat(existing.baseUrl()).contains(TestHierarchy.PUBLIC_URL.toString());
    assertThatThrownBy(
            () -> CeremonyPlanReader.read(file, URI.create("http://ca.example.test"), existing))
        .isInstanceOf(CeremonyException.class)
        .hasMessageContaining("was made for http://127.0.0.1:8080");
  }

  @Test
  void anEmptyFolderHasNothingToAddTo() {
    var none = ExistingHierarchy.read(dir.resolve("elsewhere"), t0);
    assertThat(none.entries()).isEmpty();
    assertThat(none.baseUrl()).isEmpty();
    assertThat(ExistingHierarchy.read(hierarchy.directory(), t0).find("sub1"))
        .hasValueSatisfying(s -> assertThat(s.validityDays()).isEqualTo(1000));
  }
}
