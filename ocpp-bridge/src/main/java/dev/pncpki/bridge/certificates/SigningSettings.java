package dev.pncpki.bridge.certificates;

import dev.pncpki.bridge.store.SigningRequests;
import dev.pncpki.bridge.trust.RootFingerprint;
import java.time.Duration;
import java.util.Optional;

/**
 * How the bridge handles stations' CSRs ({@code signing} in the configuration; each left out takes
 * its default): at most {@code certificatesPerWindow} (3) certificates per station and type within
 * {@code windowSeconds} (3600); the CA asked at most {@code caAttempts} (8) times per CSR while it
 * is unreachable or busy, the n-th retry after {@code firstRetrySeconds} (2) doubled n-1 times, at
 * most {@code maxRetrySeconds} (60). {@code v2gRoot}, the SHA-256 fingerprint of a V2G root, is the
 * fleet's default root for V2G certificates (none: the CA's choice); see {@link
 * dev.pncpki.bridge.trust.V2gRootPolicy}.
 */
public record SigningSettings(
    Integer certificatesPerWindow,
    Integer windowSeconds,
    Integer caAttempts,
    Integer firstRetrySeconds,
    Integer maxRetrySeconds,
    String v2gRoot) {

  public SigningSettings(
      Integer certificatesPerWindow,
      Integer windowSeconds,
      Integer caAttempts,
      Integer firstRetrySeconds,
      Integer maxRetrySeconds) {
    this(
        certificatesPerWindow, windowSeconds, caAttempts, firstRetrySeconds, maxRetrySeconds, null);
  }

  public SigningSettings {
    if (v2gRoot != null) {
      try {
        v2gRoot = RootFingerprint.parse(v2gRoot).hex();
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("signing.v2gRoot: " + e.getMessage());
      }
    }
    certificatesPerWindow = certificatesPerWindow == null ? 3 : certificatesPerWindow;
    windowSeconds = windowSeconds == null ? 3600 : windowSeconds;
    caAttempts = caAttempts == null ? 8 : caAttempts;
    firstRetrySeconds = firstRetrySeconds == null ? 2 : firstRetrySeconds;
    maxRetrySeconds = maxRetrySeconds == null ? 60 : maxRetrySeconds;
    if (certificatesPerWindow < 1
        || windowSeconds < 1
        || caAttempts < 1
        || firstRetrySeconds < 1
        || maxRetrySeconds < firstRetrySeconds) {
      throw new IllegalArgumentException(
          "signing: certificatesPerWindow, windowSeconds, caAttempts and firstRetrySeconds must be"
              + " at least 1, and maxRetrySeconds at least firstRetrySeconds");
    }
  }

  public static SigningSettings defaults() {
    return new SigningSettings(null, null, null, null, null, null);
  }

  /** The fleet's default V2G root, if configured. */
  public Optional<RootFingerprint> defaultV2gRoot() {
    return Optional.ofNullable(v2gRoot).map(RootFingerprint::new);
  }

  /** The issuance rate each station may have per certificate type. */
  public SigningRequests.Limit limit() {
    return new SigningRequests.Limit(certificatesPerWindow, Duration.ofSeconds(windowSeconds));
  }

  /** How long to wait after the {@code attempts}-th attempt failed. */
  Duration backoff(int attempts) {
    long seconds = (long) firstRetrySeconds << Math.min(Math.max(attempts - 1, 0), 20);
    return Duration.ofSeconds(Math.min(seconds, maxRetrySeconds));
  }
}
