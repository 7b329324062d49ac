package dev.pncpki.ca.issuance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pncpki.ca.ceremony.TestHierarchy;
import dev.pncpki.ca.refusal.Refusal;
import dev.pncpki.ca.refusal.RefusedException;
import dev.pncpki.policies.profile.CertificateProfile;
import dev.pncpki.policies.profile.ProfileCatalog;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which CA issues a profile when several could (the newest live one), what a revoked CA above does
 * to those below it, and which delegated OCSP signer answers for a CA; on a hierarchy made by the
 * real ceremony with software keys.
 */
class HierarchyTest {
  private static final CertificateProfile STATION =
      ProfileCatalog.byLabel("charging-station-client");

  @TempDir Path dir;
  private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private final Instant now = t0.plus(Duration.ofDays(2));
  private Hierarchy hierarchy;

  @BeforeEach
  void hierarchyWithTwoSubCa2s() throws Exception {
    var made = TestHierarchy.in(dir);
    made.run(TestHierarchy.CPO, t0);
    made.run(
        """
        certificates:
          - {id: sub2b, profile: cpo-sub-ca-2, issuer: sub1, validityDays: 30,
             subject: {commonName: Test Sub-CA 2 B, organization: Test CPO, country: DE}}
          - {id: ocsp-sub2a-2, profile: ocsp-signer, issuer: sub2a, validityDays: 90,
             subject: {commonName: Test OCSP Sub-CA 2 A 2, organization: Test CPO, country: DE}}
        """,
        t0.plus(Duration.ofDays(1)));
    hierarchy = new Hierarchy(HierarchyImport.rows(made.directory()));
  }

  private String issuerOf(Instant at) {
    return hierarchy.issuerFor(STATION, Optional.empty(), Optional.empty(), at).id();
  }

  @Test
  void theNewestLiveSubCaIssuesAndTheOlderOneWhenItIsRevoked() {
    assertThat(issuerOf(now)).isEqualTo("sub2b");
    hierarchy.markRevoked("sub2b");
    assertThat(issuerOf(now)).isEqualTo("sub2a");
    assertThat(hierarchy.isLive("sub2b")).isFalse();
    assertThat(hierarchy.isLive("sub2a")).isTrue();
  }

  @Test
  void anExpiredSubCaGivesWayToAnOlderOneStillValid() {
    assertThat(issuerOf(t0.plus(Duration.ofDays(100)))).isEqualTo("sub2a");
  }

  @Test
  void whenEverySubCaOfTheProfileIsRevokedIssuanceIsRefusedNamingThem() {
    hierarchy.markRevoked("sub2a");
    hierarchy.markRevoked("sub2b");
    assertThatThrownBy(() -> issuerOf(now))
        .isInstanceOfSatisfying(
            RefusedException.class, e -> assertThat(e.refusal()).isEqualTo(Refusal.ISSUER_REVOKED))
        .hasMessageContaining("sub2a, sub2b");
  }

  @Test
  void aRevokedSubCa1TakesTheSubCa2sBelowItAlong() {
    hierarchy.revokedAre(List.of("sub1"));
    assertThat(hierarchy.isRevoked("sub2a")).isFalse();
    assertThat(hierarchy.isLive("sub2a")).isFalse();
    assertThat(hierarchy.isLive("ocsp-sub2a")).isFalse();
    assertThat(hierarchy.isLive("root")).isTrue();
    assertThatThrownBy(() -> issuerOf(now)).hasMessageContaining("revoked");
    hierarchy.revokedAre(List.of());
    assertThat(hierarchy.isLive("sub2a")).isTrue();
  }

  @Test
  void aNamedIssuerMustBeLiveAndIssueTheProfile() {
    assertThat(hierarchy.issuerFor(STATION, Optional.of("sub2a"), Optional.empty(), now).id())
        .isEqualTo("sub2a");
    hierarchy.markRevoked("sub2a");
    assertThatThrownBy(
            () -> hierarchy.issuerFor(STATION, Optional.of("sub2a"), Optional.empty(), now))
        .isInstanceOfSatisfying(
            RefusedException.class, e -> assertThat(e.refusal()).isEqualTo(Refusal.ISSUER_REVOKED));
    assertThatThrownBy(
            () -> hierarchy.issuerFor(STATION, Optional.of("sub1"), Optional.empty(), now))
        .isInstanceOfSatisfying(
            RefusedException.class, e -> assertThat(e.refusal()).isEqualTo(Refusal.UNKNOWN_ISSUER))
        .hasMessageContaining("does not issue charging-station-client");
    assertThatThrownBy(
            () -> hierarchy.issuerFor(STATION, Optional.of("nope"), Optional.empty(), now))
        .hasMessageContaining("no CA \"nope\"");
    assertThatThrownBy(
            () ->
                hierarchy.issuerFor(
                    ProfileCatalog.byLabel("contract-leaf"),
                    Optional.empty(),
                    Optional.empty(),
                    now))
        .isInstanceOfSatisfying(
            RefusedException.class, e -> assertThat(e.refusal()).isEqualTo(Refusal.UNKNOWN_ISSUER));
  }

  @Test
  void theNewestLiveDelegatedSignerAnswersForItsCa() {
    assertThat(hierarchy.ocspSignerOf("sub2a", now))
        .map(Hierarchy.Authority::id)
        .contains("ocsp-sub2a-2");
    hierarchy.markRevoked("ocsp-sub2a-2");
    assertThat(hierarchy.ocspSignerOf("sub2a", now))
        .map(Hierarchy.Authority::id)
        .contains("ocsp-sub2a");
    hierarchy.markRevoked("ocsp-sub2a");
    assertThat(hierarchy.ocspSignerOf("sub2a", now)).isEmpty();
    assertThat(hierarchy.ocspSignerOf("sub2b", now)).isEmpty();
  }

  @Test
  void eachCertificateIsFoundByItsRowARootsRowNamingItself() {
    var root = hierarchy.find("root").orElseThrow();
    var sub1 = hierarchy.find("sub1").orElseThrow();
    assertThat(root.isRoot()).isTrue();
    assertThat(root.rowIssuerId()).isEqualTo("root");
    assertThat(sub1.rowIssuerId()).isEqualTo("root");
    assertThat(hierarchy.byRow("root", root.serial())).contains(root);
    assertThat(hierarchy.byRow("root", sub1.serial())).contains(sub1);
    assertThat(hierarchy.byRow("sub1", sub1.serial())).isEmpty();
    assertThat(sub1.serial()).isEqualTo(sub1.certificate().getSerialNumber().toString(16));
  }

  @Test
  void withARootNamedOnlyTheChainUnderThatRootIssues() throws Exception {
    var made = TestHierarchy.in(dir);
    made.run(
        """
        certificates:
          - {id: root2, profile: v2g-root, validityDays: 3650,
             subject: {commonName: Test Root Two, organization: Test, country: DE}}
          - {id: sub1x, profile: cpo-sub-ca-1, issuer: root2, validityDays: 1000,
             subject: {commonName: Test Sub-CA 1 X, organization: Test CPO, country: DE}}
          - {id: sub2x, profile: cpo-sub-ca-2, issuer: sub1x, validityDays: 30,
             subject: {commonName: Test Sub-CA 2 X, organization: Test CPO, country: DE}}
        """,
        t0.plus(Duration.ofDays(1)));
    var both = new Hierarchy(HierarchyImport.rows(made.directory()));
    String first = both.rootSha256("sub2a");
    String second = both.rootSha256("sub2x");

    assertThat(both.issuerFor(STATION, Optional.empty(), Optional.of(second), now).id())
        .isEqualTo("sub2x");
    assertThat(
            both.issuerFor(STATION, Optional.empty(), Optional.of(first.toUpperCase()), now).id())
        .isEqualTo("sub2b");
    assertThatThrownBy(
            () -> both.issuerFor(STATION, Optional.of("sub2a"), Optional.of(second), now))
        .hasMessageContaining("is not under root");
    assertThatThrownBy(
            () -> both.issuerFor(STATION, Optional.empty(), Optional.of("00".repeat(32)), now))
        .isInstanceOfSatisfying(
            RefusedException.class, e -> assertThat(e.refusal()).isEqualTo(Refusal.UNKNOWN_ISSUER))
        .hasMessageContaining("under root");
    assertThatThrownBy(() -> both.issuerFor(STATION, Optional.empty(), Optional.of("abc"), now))
        .isInstanceOfSatisfying(
            RefusedException.class,
            e -> assertThat(e.refusal()).isEqualTo(Refusal.MALFORMED_REQUEST));
  }
}
