package dev.pncpki.bridge.trust;

import java.util.Optional;

/**
 * Which V2G root a station's next SECC certificate is issued under (OCPP 1.6 and 2.0.1 name none;
 * the CA picks the chain that ends at it): the root an admin pinned for the station; else the root
 * of the station's current V2G certificate, so that a renewal keeps the vehicles it serves, while
 * that root is still trusted (a root retired from the trust list is not asked for again); else the
 * fleet default ({@code signing.v2gRoot}); else none, and the CA issues from its newest CPO Sub-CA
 * 2.
 */
public final class V2gRootPolicy {
  /** The root chosen and why. */
  public record Choice(RootFingerprint root, Source source) {}

  /** Where a choice came from. */
  public enum Source {
    PINNED,
    CURRENT_LEAF,
    FLEET_DEFAULT
  }

  private final V2gRootPins pins;
  private final Optional<RootFingerprint> fleetDefault;
  private final java.util.function.Predicate<RootFingerprint> stillTrusted;

  public V2gRootPolicy(V2gRootPins pins, Optional<RootFingerprint> fleetDefault) {
    this(pins, fleetDefault, root -> true);
  }

  /** With {@code stillTrusted}: whether a current leaf's root is still one to issue under. */
  public V2gRootPolicy(
      V2gRootPins pins,
      Optional<RootFingerprint> fleetDefault,
      java.util.function.Predicate<RootFingerprint> stillTrusted) {
    this.pins = pins;
    this.fleetDefault = fleetDefault;
    this.stillTrusted = stillTrusted;
  }

  /**
   * Whether {@code root} is a V2G root of {@code trustList} valid now; while the list is not read,
   * any root counts.
   */
  public static boolean trustedV2g(
      java.util.Optional<java.util.List<TrustedRoot>> trustList,
      RootFingerprint root,
      java.time.Instant now) {
    return trustList
        .map(
            list ->
                list.stream()
                    .anyMatch(
                        r ->
                            r.type() == TrustedRoot.Type.V2G
                                && r.validAt(now)
                                && r.fingerprint().equals(root)))
        .orElse(true);
  }

  public Optional<Choice> rootFor(String stationId) {
    Optional<RootFingerprint> pinned = pins.pinned(stationId);
    if (pinned.isPresent()) {
      return Optional.of(new Choice(pinned.get(), Source.PINNED));
    }
    Optional<RootFingerprint> current = pins.lastIssued(stationId).filter(stillTrusted);
    if (current.isPresent()) {
      return Optional.of(new Choice(current.get(), Source.CURRENT_LEAF));
    }
    return fleetDefault.map(r -> new Choice(r, Source.FLEET_DEFAULT));
  }

  public Optional<RootFingerprint> fleetDefault() {
    return fleetDefault;
  }
}
