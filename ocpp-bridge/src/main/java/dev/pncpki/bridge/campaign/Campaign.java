package dev.pncpki.bridge.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A fleet campaign as the bridge's own database holds it: what it does to each selected station,
 * how it paces itself (waves of {@code waveSize} stations, at most {@code concurrency} in flight, a
 * wave whose failures pass {@code maxFailurePercent} pauses it), where it is, and how many stations
 * are in each state.
 */
public record Campaign(
    long id,
    Kind kind,
    JsonNode parameters,
    JsonNode selection,
    State state,
    Plan plan,
    int currentWave,
    int waves,
    int acceptedWave,
    Optional<String> pausedReason,
    String createdBy,
    Instant createdAt,
    Instant updatedAt,
    Optional<Instant> finishedAt,
    Map<Target.State, Long> counts) {

  public Campaign {
    counts = counts.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(counts));
  }

  /** What a campaign does to each station. */
  public enum Kind {
    /** New station certificates: trigger, CSR, issuance, CertificateSigned (OCPP 2.0.1 A02/A03). */
    ROTATE("rotate"),
    /** InstallCertificate of a trust anchor (M05). */
    INSTALL_ROOT("install-root"),
    /** DeleteCertificate of a trust anchor (M04). */
    DELETE_ROOT("delete-root");

    private final String wire;

    Kind(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }

    public static Optional<Kind> of(String wire) {
      for (Kind k : values()) {
        if (k.wire.equals(wire)) {
          return Optional.of(k);
        }
      }
      return Optional.empty();
    }
  }

  public enum State {
    RUNNING,
    PAUSED,
    CANCELLED,
    COMPLETED;

    public String wire() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static State of(String wire) {
      return valueOf(wire.toUpperCase(Locale.ROOT));
    }
  }

  /**
   * How a campaign paces itself; each left out takes its default: waves of {@code waveSize} (100)
   * stations, {@code concurrency} (50) in flight at once, pause when more than {@code
   * maxFailurePercent} (10) of a wave failed or was rejected, and fail a station that makes no
   * progress within {@code stepTimeoutSeconds} (600) of being asked.
   */
  public record Plan(
      Integer waveSize,
      Integer concurrency,
      Integer maxFailurePercent,
      Integer stepTimeoutSeconds) {
    public Plan {
      waveSize = waveSize == null ? 100 : waveSize;
      concurrency = concurrency == null ? 50 : concurrency;
      maxFailurePercent = maxFailurePercent == null ? 10 : maxFailurePercent;
      stepTimeoutSeconds = stepTimeoutSeconds == null ? 600 : stepTimeoutSeconds;
      if (waveSize < 1 || waveSize > 100_000) {
        throw new IllegalArgumentException("waveSize is 1 to 100000");
      }
      if (concurrency < 1 || concurrency > 10_000) {
        throw new IllegalArgumentException("concurrency is 1 to 10000");
      }
      if (maxFailurePercent < 0 || maxFailurePercent > 100) {
        throw new IllegalArgumentException("maxFailurePercent is 0 to 100");
      }
      if (stepTimeoutSeconds < 1 || stepTimeoutSeconds > 7 * 86_400) {
        throw new IllegalArgumentException("stepTimeoutSeconds is 1 to 604800");
      }
    }

    public Duration stepTimeout() {
      return Duration.ofSeconds(stepTimeoutSeconds);
    }
  }

  public boolean isActive() {
    return state == State.RUNNING
        || state == State.PAUSED
        || (state == State.CANCELLED && finishedAt.isEmpty());
  }

  public long total() {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  public long count(Target.State s) {
    return counts.getOrDefault(s, 0L);
  }
}
