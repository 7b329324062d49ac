package dev.pncpki.ca.installation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pncpki.ca.ceremony.TestHierarchy;
import dev.pncpki.ca.issuance.Hierarchy;
import dev.pncpki.ca.issuance.HierarchyImport;
import dev.pncpki.contract.installation.RootCertificateId;
import dev.pncpki.contract.installation.XmlSignature;
import dev.pncpki.policies.profile.Suite;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CPS chain a response is signed with is one under a V2G root the vehicle lists (by
 * X509IssuerSerial): with CPS chains under two roots each vehicle gets the chain it can validate,
 * the newest where it trusts both, and none where it trusts neither; a revoked CPS leaf serves no
 * more.
 */
class CpsChainsTest {
  private static final String ROOT_A =
      """
      certificates:
        - {id: v2g-root-a, profile: v2g-root, validityDays: 3650,
           subject: {commonName: V2G Root A, organization: Root Operator A, country: DE}}
        - {id: cps-sub-ca-1-a, profile: cps-sub-ca-1, issuer: v2g-root-a, validityDays: 1000,
           subject: {commonName: CPS Sub-CA 1 A, organization: Test CPS, country: DE}}
        - {id: cps-sub-ca-2-a, profile: cps-sub-ca-2, issuer: cps-sub-ca-1-a, validityDays: 700,
           subject: {commonName: CPS Sub-CA 2 A, organization: Test CPS, country: DE}}
        - {id: cps-leaf-a, profile: cps-leaf, issuer: cps-sub-ca-2-a, validityDays: 90,
           subject: {commonName: CPS Leaf A, organization: Test CPS, country: DE}}
      """;
  private static final String ROOT_B =
      """
        - {id: v2g-root-b, profile: v2g-root, validityDays: 3650,
           subject: {commonName: V2G Root B, organization: Root Operator B, country: US}}
        - {id: cps-sub-ca-1-b, profile: cps-sub-ca-1, issuer: v2g-root-b, validityDays: 1000,
           subject: {commonName: CPS Sub-CA 1 B, organization: Test CPS, country: US}}
        - {id: cps-sub-ca-2-b, profile: cps-sub-ca-2, issuer: cps-sub-ca-1-b, validityDays: 700,
           subject: {commonName: CPS Sub-CA 2 B, organization: Test CPS, country: US}}
        - {id: cps-leaf-b, profile: cps-leaf, issuer: cps-sub-ca-2-b, validityDays: 90,
           subject: {commonName: CPS Leaf B, organization: Test CPS, country: US}}
      """;

  @TempDir Path dir;
  private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private Hierarchy hierarchy;
  private CpsChains chains;

  @BeforeEach
  void twoRoots() throws Exception {
    var made = TestHierarchy.in(dir);
    made.run(ROOT_A, t0);
    made.run(ROOT_A + ROOT_B, t0.plus(Duration.ofHours(1))); // B's leaf is the newer
    hierarchy = new Hierarchy(HierarchyImport.rows(made.directory()));
    chains =
        new CpsChains(
            hierarchy, made.backend(), Suite.ISO15118_2, XmlSignature.Algorithm.ECDSA_P256_SHA256);
  }

  private RootCertificateId id(String root) throws Exception {
    var certificate = hierarchy.find(root).orElseThrow().certificate();
    // as a vehicle names it: xmldsig X509IssuerName, an RFC 4514 string
    return new RootCertificateId(
        new X500Principal(certificate.getSubject().getEncoded()).getName(),
        certificate.getSerialNumber());
  }

  private Instant now() {
    return t0.plus(Duration.ofHours(2));
  }

  @Test
  void eachVehicleGetsTheChainUnderARootItLists() throws Exception {
    assertThat(chains.under(List.of(id("v2g-root-a")), now()).leafId()).isEqualTo("cps-leaf-a");
    assertThat(chains.under(List.of(id("v2g-root-b")), now()).leafId()).isEqualTo("cps-leaf-b");
    assertThat(chains.under(List.of(id("v2g-root-a"), id("v2g-root-b")), now()).leafId())
        .as("the newest where it trusts both")
        .isEqualTo("cps-leaf-b");
    var chain = chains.under(List.of(id("v2g-root-a")), now());
    assertThat(chain.certificates()).as("leaf, Sub-CA 2, Sub-CA 1: not the root").hasSize(3);
    assertThat(chain.root().getSubject().toString()).contains("V2G Root A");
  }

  @Test
  void aVehicleListingNoneOfOurRootsIsRefusedNamingThem() throws Exception {
    var other = new RootCertificateId("CN=Other Root, O=Other", BigInteger.TEN);
    var a = id("v2g-root-a");
    var wrongSerial = new RootCertificateId(a.issuerName(), a.serialNumber().add(BigInteger.ONE));
    for (var listed :
        List.of(
            List.of(other),
            List.of(wrongSerial),
            List.of(new RootCertificateId("not a name", BigInteger.ONE)))) {
      assertThatThrownBy(() -> chains.under(listed, now()))
          .isInstanceOfSatisfying(
              Provisioning.Refusal.class,
              e -> assertThat(e.reason).isEqualTo(Provisioning.Reason.UNTRUSTED_ROOTS))
          .hasMessageContaining("V2G Root A")
          .hasMessageContaining("V2G Root B");
    }
  }

  @Test
  void aRevokedOrExpiredLeafServesNoMore() throws Exception {
    hierarchy.markRevoked("cps-leaf-b");
    assertThat(chains.under(List.of(id("v2g-root-a"), id("v2g-root-b")), now()).leafId())
        .isEqualTo("cps-leaf-a");
    assertThatThrownBy(() -> chains.under(List.of(id("v2g-root-b")), now()))
        .isInstanceOf(Provisioning.Refusal.class);
    assertThat(chains.newest(now()).leafId()).isEqualTo("cps-leaf-a");
    assertThat(chains.isEmpty(now().plus(Duration.ofDays(91)))).isTrue();
    hierarchy.markRevoked("cps-leaf-a");
    assertThatThrownBy(() -> chains.under(List.of(id("v2g-root-a")), now()))
        .as("no usable CPS leaf left: nothing could sign an answer")
        .isInstanceOfSatisfying(
            dev.pncpki.ca.refusal.RefusedException.class,
            e ->
                assertThat(e.refusal())
                    .isEqualTo(dev.pncpki.ca.refusal.Refusal.ISO15118_NOT_CONFIGURED));
  }
}
