package dev.pncpki.ca.roots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pncpki.ca.auth.Caller;
import dev.pncpki.ca.auth.Role;
import dev.pncpki.ca.refusal.Refusal;
import dev.pncpki.ca.refusal.RefusedException;
import dev.pncpki.policies.profile.Suite;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** What the root pool takes as a root, what it refuses, and who may change it. */
class RootPoolTest {
  private static final Caller ADMIN = new Caller("alice", Set.of(Role.ADMIN), Optional.empty());
  private static final Caller BRIDGE =
      new Caller("bridge", Set.of(Role.BRIDGE), Optional.of("Demo CPO"));

  private final InMemoryRootPoolStore store = new InMemoryRootPoolStore();
  private final Clock clock = Clock.fixed(Instant.now(), ZoneOffset.UTC);
  private final RootPool pool = new RootPool(store, clock);

  private static void refusedWith(ThrowingCallable call, Refusal refusal, String because) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            RefusedException.class, e -> assertThat(e.refusal()).isEqualTo(refusal))
        .hasMessageContaining(because);
  }

  private PooledRoot add(RootType type, TestRoots.Made root) throws Exception {
    return pool.add(ADMIN, new RootPool.Addition(type, root.base64(), root.sha256()));
  }

  @Test
  void aSelfSignedCaWithItsConfirmedFingerprintJoinsThePoolWithAnAuditEvent() throws Exception {
    var made = TestRoots.root("Test V2G Root");

    PooledRoot root = add(RootType.V2G, made);

    assertThat(root.type()).isEqualTo(RootType.V2G);
    assertThat(root.sha256()).isEqualTo(made.sha256());
    assertThat(root.suite()).contains(Suite.ISO15118_2);
    assertThat(root.addedBy()).isEqualTo("alice");
    assertThat(pool.list(Optional.empty())).containsExactly(root);
    assertThat(pool.get(root.id().toString())).isEqualTo(root);
    assertThat(store.events())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.action()).isEqualTo("root-add");
              assertThat(e.detail()).contains("V2G").contains(made.sha256());
            });
  }

  @Test
  void theFingerprintMayBeWrittenWithColonsAndInUpperCase() throws Exception {
    var made = TestRoots.root("Test MO Root");
    String colons = made.sha256().toUpperCase().replaceAll("(..)(?!$)", "$1:");
    PooledRoot root = pool.add(ADMIN, new RootPool.Addition(RootType.MO, made.base64(), colons));
    assertThat(root.sha256()).isEqualTo(made.sha256());
  }

  @Test
  void aFingerprintThatDoesNotMatchIsRefusedNamingTheRealOne() throws Exception {
    var made = TestRoots.root("Test Root");
    var other = TestRoots.root("Other Root");
    refusedWith(
        () -> pool.add(ADMIN, new RootPool.Addition(RootType.V2G, made.base64(), other.sha256())),
        Refusal.FINGERPRINT_MISMATCH,
        made.sha256());
    refusedWith(
        () -> pool.add(ADMIN, new RootPool.Addition(RootType.V2G, made.base64(), null)),
        Refusal.MALFORMED_REQUEST,
        "fingerprint is missing");
    refusedWith(
        () -> pool.add(ADMIN, new RootPool.Addition(RootType.V2G, made.base64(), "abc")),
        Refusal.MALFORMED_REQUEST,
        "not a SHA-256 fingerprint");
    assertThat(store.all()).isEmpty();
    assertThat(store.events()).isEmpty();
  }

  @Test
  void anIntermediateALeafOrACertificateNotSignedByItsOwnKeyIsNotARoot() throws Exception {
    var root = TestRoots.root("Test Root");
    refusedWith(
        () -> add(RootType.V2G, TestRoots.intermediate("Test Sub-CA 1", root)),
        Refusal.NOT_A_ROOT,
        "not by itself");
    refusedWith(
        () -> add(RootType.V2G, TestRoots.selfSignedLeaf("Test Leaf")),
        Refusal.NOT_A_ROOT,
        "not a CA");
    refusedWith(
        () -> add(RootType.V2G, TestRoots.selfIssuedSignedByAnother("Test Forged")),
        Refusal.NOT_A_ROOT,
        "not self-signed");
    assertThat(store.all()).isEmpty();
  }

  @Test
  void anExpiredOrNotYetValidRootIsRefused() throws Exception {
    var expired =
        TestRoots.root("Old Root", "secp256r1", clock.instant().minus(Duration.ofDays(400)), 30);
    refusedWith(() -> add(RootType.OEM, expired), Refusal.CERTIFICATE_EXPIRED, "not now");
    var future =
        TestRoots.root("Future Root", "secp256r1", clock.instant().plus(Duration.ofDays(5)), 30);
    refusedWith(() -> add(RootType.OEM, future), Refusal.CERTIFICATE_EXPIRED, "not now");
    assertThat(store.all()).isEmpty();
  }

  @Test
  void anIso15118RootNeedsAnIso15118KeyWhileACsmsRootMayBeRsa() throws Exception {
    var rsa =
        TestRoots.root("Test CSMS Root", "rsa", clock.instant().minus(Duration.ofDays(1)), 3650);
    refusedWith(() -> add(RootType.V2G, rsa), Refusal.WRONG_KEY_TYPE, "P-256, P-521 or Ed448");
    PooledRoot csms = add(RootType.CSMS, rsa);
    assertThat(csms.suite()).isEmpty();

    var p521 =
        TestRoots.root(
            "Test -20 Root", "secp521r1", clock.instant().minus(Duration.ofDays(1)), 3650);
    assertThat(add(RootType.V2G, p521).suite()).contains(Suite.ISO15118_20_P521);
  }

  @Test
  void aRootPooledAlreadyIsRefusedAndOnlyAnAdminChangesThePool() throws Exception {
    var made = TestRoots.root("Test Root");
    PooledRoot root = add(RootType.V2G, made);
    refusedWith(() -> add(RootType.MO, made), Refusal.ROOT_ALREADY_POOLED, made.sha256());
    refusedWith(
        () -> pool.add(BRIDGE, new RootPool.Addition(RootType.V2G, made.base64(), made.sha256())),
        Refusal.FORBIDDEN,
        "may not add roots");
    refusedWith(
        () -> pool.remove(BRIDGE, root.id().toString()), Refusal.FORBIDDEN, "may not remove");

    pool.remove(ADMIN, root.id().toString());
    assertThat(pool.list(Optional.empty())).isEmpty();
    refusedWith(() -> pool.get(root.id().toString()), Refusal.NOT_FOUND, root.id().toString());
    refusedWith(() -> pool.get("1-2-3-4-5"), Refusal.MALFORMED_REQUEST, "not a UUID");
    assertThat(store.events())
        .extracting(e -> e.action())
        .containsExactly("root-add", "root-remove");
  }

  @Test
  void theListFiltersByTypeAndExpiringRootsAreFoundSoonestFirst() throws Exception {
    Instant now = clock.instant();
    var soon =
        add(
            RootType.V2G,
            TestRoots.root("Soon", "secp256r1", now.minus(Duration.ofDays(300)), 330));
    var later =
        add(
            RootType.MO,
            TestRoots.root("Later", "secp256r1", now.minus(Duration.ofDays(300)), 360));
    add(RootType.MO, TestRoots.root("Far", "secp256r1", now.minus(Duration.ofDays(1)), 3650));

    assertThat(pool.list(Optional.of(RootType.MO))).hasSize(2);
    assertThat(pool.list(Optional.of(RootType.OEM))).isEmpty();
    assertThat(pool.expiring(Duration.ofDays(90))).containsExactly(soon, later);

    var health = new RootPoolHealthCheck(pool, Duration.ofDays(90), clock).execute();
    assertThat(health.isHealthy()).isTrue();
    assertThat(health.getMessage())
        .contains("2 pooled root(s) expire within 90 days")
        .contains("Soon");

    var ended =
        new RootPoolHealthCheck(pool, Duration.ofDays(90), Clock.offset(clock, Duration.ofDays(40)))
            .execute();
    assertThat(ended.isHealthy()).as("the CA still issues: a warning, not a failure").isTrue();
    assertThat(ended.getMessage()).startsWith("expired roots in the pool").contains("Soon");
  }

  @Test
  void aRootWithoutKeyUsageAnEmptySubjectOrAWeakSignatureIsRefused() throws Exception {
    refusedWith(
        () -> add(RootType.V2G, TestRoots.rootWithout("No Usage", true, false, "SHA256withECDSA")),
        Refusal.NOT_A_ROOT,
        "no keyUsage");
    refusedWith(
        () -> add(RootType.V2G, TestRoots.rootWithout("", false, true, "SHA256withECDSA")),
        Refusal.NOT_A_ROOT,
        "subject is empty");
    refusedWith(
        () -> add(RootType.V2G, TestRoots.rootWithout("SHA-1 Root", false, true, "SHA1withECDSA")),
        Refusal.WRONG_KEY_TYPE,
        "signed with");
    refusedWith(
        () -> add(RootType.CSMS, TestRoots.rootWithout("SHA-1 CSMS", false, true, "SHA1withECDSA")),
        Refusal.WRONG_KEY_TYPE,
        "SHA-256 or stronger");
    assertThat(store.all()).isEmpty();
  }

  @Test
  void anOcppRootNeedsRsa2048OrP256OrP384() throws Exception {
    var small =
        TestRoots.root(
            "Small CSMS Root", "rsa1024", clock.instant().minus(Duration.ofDays(1)), 365);
    refusedWith(() -> add(RootType.CSMS, small), Refusal.WRONG_KEY_TYPE, "2048 bits");
    var p384 =
        TestRoots.root(
            "P-384 CSMS Root", "secp384r1", clock.instant().minus(Duration.ofDays(1)), 365);
    assertThat(add(RootType.MANUFACTURER, p384).suite()).isEmpty();
  }
}
