package dev.pncpki.bridge.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pncpki.bridge.ocpp.OcppVersion;
import dev.pncpki.bridge.outbox.Delivery;
import dev.pncpki.bridge.outbox.RootCalls;
import dev.pncpki.bridge.outbox.Triggers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives fleet campaigns: every pass, on whichever bridge instance gets the lock, each active
 * campaign's stations move on from what the outbox recorded, those stuck past the step timeout
 * fail, and a running campaign asks more stations of its current wave while fewer than its
 * concurrency are in flight. A wave ends when all its stations are final; then the next begins,
 * unless more than the plan's share of the wave failed or was rejected, which pauses the campaign
 * for an admin to look. The last wave completes the campaign whatever its failures: no wave is left
 * to hold back. Once a wave's last stations are asked and it would pass even if they all failed,
 * the next wave's first stations take the room they leave. Everything is in the database, so a
 * campaign picks up where it was after a restart, on any instance.
 */
public final class CampaignRunner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CampaignRunner.class);

  /** Told what the runner decided on its own. */
  public interface Events {
    void waveFailed(Campaign campaign, int wave, long failed, long total);

    void finished(Campaign campaign);

    Events NONE =
        new Events() {
          @Override
          public void waveFailed(Campaign campaign, int wave, long failed, long total) {}

          @Override
          public void finished(Campaign campaign) {}
        };
  }

  private final CampaignStore store;
  private final Events events;
  private final Duration interval;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().daemon().name("campaigns").unstarted(r));

  public CampaignRunner(CampaignStore store, Events events, Duration interval) {
    this.store = store;
    this.events = events;
    this.interval = interval;
  }

  public void start() {
    timer.scheduleWithFixedDelay(
        this::safePass, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Runs a pass soon (a campaign was created or resumed). */
  public void wake() {
    timer.execute(this::safePass);
  }

  private void safePass() {
    try {
      store.exclusively(this::pass);
    } catch (RuntimeException | Error e) { // anything thrown here would stop the timer for good
      LOG.warn("campaign pass failed: {}", e.toString());
    }
  }

  /** One pass over the active campaigns; the number of stations asked. */
  public int pass() {
    int asked = 0;
    for (Campaign c : store.active()) {
      try {
        int expired = store.expire(c); // settles what the outbox says, then the late ones
        if (expired > 0) {
          LOG.info("campaign {}: {} station(s) failed the step timeout", c.id(), expired);
        }
        asked += steps(c);
      } catch (RuntimeException e) { // one campaign's trouble does not hold up the others
        LOG.warn("campaign {}: pass failed: {}", c.id(), e.toString());
      }
    }
    return asked;
  }

  /** Moves the campaign on, through each wave that is finished, to the one that is not. */
  private int steps(Campaign c) {
    Campaign current = c;
    for (int wave = c.currentWave(); wave <= c.waves(); wave++) {
      int asked = step(current);
      if (asked >= 0) {
        return asked;
      }
      current = store.find(c.id()).orElseThrow();
    }
    return 0;
  }

  /** Stations asked, or -1 when a wave ended and the next one begins now. */
  private int step(Campaign c) {
    int wave = c.currentWave();
    CampaignStore.Tally tally = store.tally(c, wave);
    if (c.state() == Campaign.State.CANCELLED) {
      // the next wave's first stations may be out too (they start before a wave ends)
      long ahead = wave < c.waves() ? store.tally(c, wave + 1).inFlight() : 0;
      if (tally.inFlight() + ahead == 0) {
        store.finish(c);
        events.finished(c);
        LOG.info("campaign {}: cancelled, its last station settled", c.id());
      }
      return 0;
    }
    if (c.state() != Campaign.State.RUNNING) {
      return 0;
    }
    if (tally.finished() == tally.total()) {
      boolean last = wave >= c.waves();
      boolean tooMany =
          tally.total() > 0
              && tally.failed() * 100 > (long) c.plan().maxFailurePercent() * tally.total();
      String failures =
          "wave " + wave + ": " + tally.failed() + " of " + tally.total() + " failed or rejected";
      // The gate holds the next waves back (docs/fleet.md, pacing). After the last wave there is
      // nothing left to hold: pausing would only leave a campaign that had asked every station
      // waiting for a resume that changes nothing, so it completes with its failures counted.
      if (tooMany && !last && c.acceptedWave() != wave) { // a resume lets a failed wave through
        store.pause(c, failures);
        events.waveFailed(c, wave, tally.failed(), tally.total());
        LOG.warn("campaign {}: paused, {}", c.id(), failures);
        return 0;
      }
      store.waveDone(c);
      if (last) {
        events.finished(c);
        if (tooMany) {
          LOG.warn("campaign {}: completed; {}, over its limit", c.id(), failures);
        } else {
          LOG.info("campaign {}: completed", c.id());
        }
        return 0;
      }
      LOG.info("campaign {}: wave {} done, wave {} begins", c.id(), wave, wave + 1);
      return -1;
    }
    int room = (int) Math.max(0, c.plan().concurrency() - tally.inFlight());
    if (room == 0) {
      return 0;
    }
    List<CampaignStore.Next> picked = new ArrayList<>(store.next(c, wave, room));
    if (picked.size() < room && wave < c.waves() && passes(c, wave, tally)) {
      // the wave's last stations are out and it passes even if they all fail: the next wave's
      // first stations take the room they leave, instead of every wave ending in a drain
      long ahead = store.tally(c, wave + 1).inFlight();
      int more = (int) Math.max(0, room - picked.size() - ahead);
      if (more > 0) {
        picked.addAll(store.next(c, wave + 1, more));
      }
    }
    List<CampaignStore.Launch> launches = new ArrayList<>();
    for (CampaignStore.Next next : picked) {
      launches.add(launch(c, next));
    }
    return launches.isEmpty() ? 0 : store.launch(c, launches);
  }

  /**
   * Whether the wave passes whatever its unfinished stations do: counted as failed, they would not
   * take it over the plan's share (or an admin's resume let it through already).
   */
  static boolean passes(Campaign c, int wave, CampaignStore.Tally tally) {
    long worst = tally.failed() + (tally.total() - tally.finished());
    return c.acceptedWave() == wave
        || worst * 100 <= (long) c.plan().maxFailurePercent() * tally.total();
  }

  /** The CALL that starts the campaign at one station, or why there is none. */
  static CampaignStore.Launch launch(Campaign c, CampaignStore.Next next) {
    Optional<OcppVersion> version = next.ocppVersion().flatMap(OcppVersion::ofSubprotocol);
    if (version.isEmpty()) {
      return new CampaignStore.Launch(
          next.stationId(),
          Optional.empty(),
          Optional.of("station never connected: its OCPP version is not known"));
    }
    String origin = "campaign " + c.id();
    JsonNode p = c.parameters();
    try {
      Delivery.Request request =
          switch (c.kind()) {
            case ROTATE ->
                Triggers.of(
                    next.stationId(),
                    version.get(),
                    Triggers.requestedFor(p.path("certificateType").asText()),
                    origin);
            case INSTALL_ROOT ->
                RootCalls.install(
                    next.stationId(),
                    version.get(),
                    p.path("certificateType").asText(),
                    p.path("certificate").asText(),
                    origin);
            case DELETE_ROOT ->
                RootCalls.delete(
                    next.stationId(),
                    version.get(),
                    p.path("certificateHashData"),
                    "iso15118pnc".equals(p.path("via").asText(null)),
                    origin);
          };
      return new CampaignStore.Launch(
          next.stationId(), Optional.of(request.once(origin)), Optional.empty());
    } catch (IllegalArgumentException e) {
      return new CampaignStore.Launch(
          next.stationId(), Optional.empty(), Optional.of(String.valueOf(e.getMessage())));
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
