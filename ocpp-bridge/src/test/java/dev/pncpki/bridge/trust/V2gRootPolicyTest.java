package dev.pncpki.bridge.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
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
