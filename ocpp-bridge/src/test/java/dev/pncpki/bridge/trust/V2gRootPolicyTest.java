package dev.pncpki.bridge.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pncpki.bridge.ocpp.CertificateHashData;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A station's V2G root: its pin, else its current leaf's root (a renewal keeps the vehicles it
 * serves), else the fleet default, else none.
 */
class V2gRootPolicyTest {
  private static final RootFingerprint PINNED = new RootFingerprint("11".repeat(32));
  private static final RootFingerprint CURRENT = new RootFingerprint("22".repeat(32));
  private static final RootFingerprint FLEET = new RootFingerprint("33".repeat(32));
  private final InMemoryV2gRootPins pins = new InMemoryV2gRootPins();

  @Test
  void aPinBeatsTheCurrentLeafWhichBeatsTheFleetDefault() {
    var policy = new V2gRootPolicy(pins, Optional.of(FLEET));
    assertThat(policy.rootFor("CS-1"))
        .contains(new V2gRootPolicy.Choice(FLEET, V2gRootPolicy.Source.FLEET_DEFAULT));
    pins.issued("CS-1", CURRENT);
    assertThat(policy.rootFor("CS-1"))
        .contains(new V2gRootPolicy.Choice(CURRENT, V2gRootPolicy.Source.CURRENT_LEAF));
    pins.pin("CS-1", PINNED, "admin");
    assertThat(policy.rootFor("CS-1"))
        .contains(new V2gRootPolicy.Choice(PINNED, V2gRootPolicy.Source.PINNED));
    pins.unpin("CS-1");
    assertThat(policy.rootFor("CS-1")).map(V2gRootPolicy.Choice::root).contains(CURRENT);
    assertThat(new V2gRootPolicy(pins, Optional.empty()).rootFor("CS-2"))
        .as("no policy: the CA chooses")
        .isEmpty();
  }

  private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

  private static X509Certificate root(String name) throws Exception {
    KeyPair keys = ContractPathTest.keys();
    return ContractPathTest.jdk(
        ContractPathTest.certificate(
            name, name, keys, keys, 1, true, NOW.plus(java.time.Duration.ofDays(900))));
  }

  /** The CA's trust list as read: its roots, and the roots its CPO chains reach per version. */
  private record Source(Optional<List<TrustedRoot>> trusted, Set<String> reached)
      implements V2gRootSource {
    @Override
    public boolean issuesSeccUnder(RootFingerprint root, String iso15118) {
      return reached.contains(root.hex() + "/" + iso15118);
    }
  }

  @Test
  void aRootTheStationNamesIsTakenWhenPooledAndReachedByACpoChain() throws Exception {
    X509Certificate first = root("CN=V2G Root A");
    X509Certificate second = root("CN=V2G Root B");
    X509Certificate mo = root("CN=MO Root");
    var a = new TrustedRoot(TrustedRoot.Type.V2G, first, Optional.of("2"), "pool 1");
    var b = new TrustedRoot(TrustedRoot.Type.V2G, second, Optional.of("2"), "pool 2");
    var m = new TrustedRoot(TrustedRoot.Type.MO, mo, Optional.of("2"), "pool 3");
    var source =
        new Source(
            Optional.of(List.of(a, b, m)),
            Set.of(a.fingerprint().hex() + "/2", m.fingerprint().hex() + "/2"));
    var policy =
        new V2gRootPolicy(pins, Optional.of(FLEET), source, Clock.fixed(NOW, ZoneOffset.UTC));

    assertThat(policy.requested(CertificateHashData.of(first, first), "2"))
        .isEqualTo(
            new V2gRootPolicy.Requested.Found(
                new V2gRootPolicy.Choice(a.fingerprint(), V2gRootPolicy.Source.REQUESTED)));
    // named with SHA-512, as a station may
    assertThat(
            policy.requested(
                CertificateHashData.of(first, first, CertificateHashData.Algorithm.SHA512), "2"))
        .isInstanceOf(V2gRootPolicy.Requested.Found.class);
    assertThat(policy.requested(CertificateHashData.of(second, second), "2"))
        .as("pooled, but no CPO chain reaches it")
        .isInstanceOfSatisfying(
            V2gRootPolicy.Requested.Refused.class,
            r -> assertThat(r.reason()).contains("no CPO chain"));
    assertThat(policy.requested(CertificateHashData.of(first, first), "20"))
        .as("reached for ISO 15118-2 only")
        .isInstanceOf(V2gRootPolicy.Requested.Refused.class);
    assertThat(policy.requested(CertificateHashData.of(mo, mo), "2"))
        .as("an MO root is no V2G root")
        .isInstanceOfSatisfying(
            V2gRootPolicy.Requested.Refused.class,
            r -> assertThat(r.reason()).contains("names no valid V2G root"));
    assertThat(
            new V2gRootPolicy(
                    pins,
                    Optional.empty(),
                    new Source(Optional.empty(), Set.of()),
                    Clock.fixed(NOW, ZoneOffset.UTC))
                .requested(CertificateHashData.of(first, first), "2"))
        .as("trust list not read yet")
        .isInstanceOf(V2gRootPolicy.Requested.Refused.class);
  }

  @Test
  void aCurrentLeafsRootCountsOnlyWhileTheTrustListHoldsIt() throws Exception {
    X509Certificate first = root("CN=V2G Root A");
    var a = new TrustedRoot(TrustedRoot.Type.V2G, first, Optional.of("2"), "pool 1");
    pins.issued("CS-1", a.fingerprint());
    var clock = Clock.fixed(NOW, ZoneOffset.UTC);
    assertThat(
            new V2gRootPolicy(
                    pins, Optional.of(FLEET), new Source(Optional.of(List.of(a)), Set.of()), clock)
                .rootFor("CS-1"))
        .map(V2gRootPolicy.Choice::source)
        .contains(V2gRootPolicy.Source.CURRENT_LEAF);
    assertThat(
            new V2gRootPolicy(
                    pins, Optional.of(FLEET), new Source(Optional.of(List.of()), Set.of()), clock)
                .rootFor("CS-1"))
        .as("retired from the trust list: the fleet default")
        .map(V2gRootPolicy.Choice::source)
        .contains(V2gRootPolicy.Source.FLEET_DEFAULT);
  }

  @Test
  void fingerprintsAreReadAsOpensslPrintsThem() {
    String printed = "AB:".repeat(31) + "AB";
    assertThat(RootFingerprint.parse(printed).hex()).isEqualTo("ab".repeat(32));
    assertThat(RootFingerprint.parse(" " + "Ab".repeat(32) + "\n").hex())
        .isEqualTo("ab".repeat(32));
    assertThatThrownBy(() -> RootFingerprint.parse("ab".repeat(31)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("64 hex digits");
    assertThatThrownBy(() -> RootFingerprint.parse("zz".repeat(32)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RootFingerprint.parse(null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(RootFingerprint.of(new byte[0]).hex())
        .isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  }
}
