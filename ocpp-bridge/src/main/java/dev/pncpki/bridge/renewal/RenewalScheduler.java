package dev.pncpki.bridge.renewal;

import dev.pncpki.bridge.certificates.CaClient;
import dev.pncpki.bridge.ocpp.OcppVersion;
import dev.pncpki.bridge.outbox.Triggers;
import dev.pncpki.bridge.store.Presence;
import dev.pncpki.bridge.store.Renewals;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renews station certificates before they expire (automatically, on a timer): every pass, each
 * accepted charging-station or V2G certificate within {@code window} of its end gets a trigger
 * through the outbox (delivered whenever the station is connected); a station that does not come
 * back with an accepted newer certificate is asked again after {@code retry}, at most {@code
 * maxAttempts} times. Once a newer one is accepted and {@code grace} has passed (the station may
 * still be using the old one), the old certificate is revoked at the CA as superseded. One instance
 * runs a pass at a time.
 */
public final class RenewalScheduler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RenewalScheduler.class);

  /**
   * When and how often (each left out takes its default): renew within {@code windowDays} (30) of
   * the end, look every {@code checkIntervalSeconds} (300), ask again after {@code retrySeconds}
   * (3600) at most {@code maxAttempts} (5) times, revoke the old certificate {@code graceSeconds}
   * (86,400) after the new one was accepted; after a station discarded its renewed client
   * certificate, ask again after {@code discardedRetrySeconds} (600), doubling with each discard
   * ({@link DiscardedRenewals}).
   */
  public record Settings(
      Integer windowDays,
      Integer checkIntervalSeconds,
      Integer retrySeconds,
      Integer maxAttempts,
      Integer graceSeconds,
      Integer discardedRetrySeconds) {
    public Settings {
      windowDays = windowDays == null ? 30 : windowDays;
      checkIntervalSeconds = checkIntervalSeconds == null ? 300 : checkIntervalSeconds;
      retrySeconds = retrySeconds == null ? 3600 : retrySeconds;
      maxAttempts = maxAttempts == null ? 5 : maxAttempts;
      graceSeconds = graceSeconds == null ? 86_400 : graceSeconds;
      discardedRetrySeconds = discardedRetrySeconds == null ? 600 : discardedRetrySeconds;
      if (windowDays < 0
          || checkIntervalSeconds < 1
          || retrySeconds < 1
          || maxAttempts < 1
          || graceSeconds < 0
          || discardedRetrySeconds < 1) {
        throw new IllegalArgumentException("renewal settings out of range");
      }
    }

    public static Settings defaults() {
      return new Settings(null, null, null, null, null, null);
    }
  }

  private final Renewals renewals;
  private final Presence presence;
  private final CaClient ca;
  private final Settings settings;
  private final Clock clock;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().daemon().name("renewal").unstarted(r));

  public RenewalScheduler(
      Renewals renewals, Presence presence, CaClient ca, Settings settings, Clock clock) {
    this.renewals = renewals;
    this.presence = presence;
    this.ca = ca;
    this.settings = settings;
    this.clock = clock;
  }

  public void start() {
    timer.scheduleWithFixedDelay(
        this::safePass,
        settings.checkIntervalSeconds(),
        settings.checkIntervalSeconds(),
        TimeUnit.SECONDS);
  }

  private void safePass() {
    try {
      renewals.exclusively(this::pass);
    } catch (RuntimeException e) {
      LOG.warn("renewal pass failed: {}", e.toString());
    }
  }

  /** One pass; the number of triggers sent. */
  int pass() {
    int renewed = renewals.markRenewed();
    if (renewed > 0) {
      LOG.info("renewal: {} certificate(s) replaced by a newer accepted one", renewed);
    }
    for (var item : renewals.toRevoke(Duration.ofSeconds(settings.graceSeconds()))) {
      try {
        ca.revokeSuperseded(item.serial());
        renewals.revocation(item, Optional.empty());
        LOG.info(
            "renewal: {} {} serial {} revoked as superseded by {}",
            item.stationId(),
            item.certificateType(),
            item.serial(),
            item.by().orElse("?"));
      } catch (CaClient.CaException e) {
        renewals.revocation(item, Optional.of(e.getMessage()));
        LOG.warn(
            "renewal: revoking {} of {} failed: {}",
            item.serial(),
            item.stationId(),
            e.getMessage());
      }
    }
    int sent = 0;
    var horizon = clock.instant().plus(Duration.ofDays(settings.windowDays()));
    for (var item : renewals.due(horizon)) {
      Optional<OcppVersion> version =
          presence.find(item.stationId()).flatMap(c -> OcppVersion.ofSubprotocol(c.ocppVersion()));
      if (version.isEmpty()) {
        continue; // never connected: nothing to send it in
      }
      String requested = Triggers.requestedFor(item.certificateType());
      var delivery =
          renewals.trigger(
              item,
              Triggers.of(item.stationId(), version.get(), requested, "renewal " + item.serial())
                  .once("renewal " + item.serial() + " " + (item.attempts() + 1)),
              Duration.ofSeconds(settings.retrySeconds()),
              settings.maxAttempts());
      if (delivery.isPresent()) {
        sent++;
      }
    }
    return sent;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
