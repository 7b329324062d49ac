package dev.pncpki.bridge.trust;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pncpki.bridge.ocpp.CertificateHashData;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Which V2G root a station's next SECC certificate is issued under (the CA picks the chain that
 * ends at it): on OCPP 2.1 the root the station names in SignCertificate ({@link #requested}); else
 * (1.6 and 2.0.1 name none) the root an admin pinned for the station; else the root of the
 * station's current V2G certificate, so that a renewal keeps the vehicles it serves, while that
 * root is still trusted (a root retired from the trust list is not asked for again); else the fleet
 * default ({@code signing.v2gRoot}); else none, and the CA issues from its newest CPO Sub-CA 2.
 */
public final class V2gRootPolicy {
  /** The root chosen and why. */
  public record Choice(RootFingerprint root, Source source) {}

  /** Where a choice came from. */
  public enum Source {
    /** The station named it (OCPP 2.1 SignCertificate hashRootCertificate). */
    REQUESTED,
    PINNED,
    CURRENT_LEAF,
    FLEET_DEFAULT
  }

  /** What a station's request for a root (OCPP 2.1 hashRootCertificate) comes to. */
  public sealed interface Requested {
    /** A V2G root of the trust list that a CPO chain of the CA reaches. */
    record Found(Choice choice) implements Requested {}

    /** No certificate can be issued under the root asked for, and why. */
    record Refused(String reason) implements Requested {}
  }

  private final V2gRootPins pins;
  private final Optional<RootFingerprint> fleetDefault;
  private final V2gRootSource source;
  private final Clock clock;

  /** Without a trust list: any current leaf's root counts, and no root named by a station. */
  public V2gRootPolicy(V2gRootPins pins, Optional<RootFingerprint> fleetDefault) {
    this(pins, fleetDefault, V2gRootSource.NONE, Clock.systemUTC());
  }

  /**
   * With {@code source}: a current leaf's root counts only while its trust list holds it, and a
   * root a station names must be one of its V2G roots with a CPO chain under it.
   */
  public V2gRootPolicy(
      V2gRootPins pins, Optional<RootFingerprint> fleetDefault, V2gRootSource source, Clock clock) {
    this.pins = pins;
    this.fleetDefault = fleetDefault;
    this.source = source;
    this.clock = clock;
  }

  /**
   * The root a station named by its CertificateHashDataType (a root is its own issuer), for an ISO
   * 15118 {@code iso15118} ({@code "2"} or {@code "20"}) SECC certificate.
   */
  public Requested requested(JsonNode hashRootCertificate, String iso15118) {
    Optional<List<TrustedRoot>> trusted = source.trusted();
    if (trusted.isEmpty()) {
      return new Requested.Refused("the CA's trust list has not been read yet");
    }
    Instant now = clock.instant();
    Optional<TrustedRoot> named =
        trusted.get().stream()
            .filter(r -> r.type() == TrustedRoot.Type.V2G && r.validAt(now))
            .filter(
                r ->
                    CertificateHashData.names(
                        hashRootCertificate, r.certificate(), r.certificate()))
            .findFirst();
    if (named.isEmpty()) {
      return new Requested.Refused(
          "hashRootCertificate names no valid V2G root of the CA's trust list");
    }
    RootFingerprint root = named.get().fingerprint();
    if (!source.issuesSeccUnder(root, iso15118)) {
      return new Requested.Refused(
          "no CPO chain of the CA issues ISO 15118-"
              + iso15118
              + " SECC certificates under root "
              + root.hex());
    }
    return new Requested.Found(new Choice(root, Source.REQUESTED));
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
    Optional<RootFingerprint> current =
        pins.lastIssued(stationId)
            .filter(root -> trustedV2g(source.trusted(), root, clock.instant()));
    if (current.isPresent()) {
      return Optional.of(new Choice(current.get(), Source.CURRENT_LEAF));
    }
    return fleetDefault.map(r -> new Choice(r, Source.FLEET_DEFAULT));
  }

  public Optional<RootFingerprint> fleetDefault() {
    return fleetDefault;
  }
}
