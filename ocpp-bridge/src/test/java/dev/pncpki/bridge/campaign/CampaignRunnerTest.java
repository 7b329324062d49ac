package dev.pncpki.bridge.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * When the next wave may start before the current one has settled, and how a finished wave ends:
 * the next one begins, the campaign pauses, or (after the last wave) it completes.
 */
class CampaignRunnerTest {

  private static Campaign campaign(int maxFailurePercent, int acceptedWave) {
    return campaign(maxFailurePercent, acceptedWave, 3);
  }

  private static Campaign campaign(int maxFailurePercent, int acceptedWave, int waves) {
    var json = JsonNodeFactory.instance.objectNode();
    return new Campaign(
        1,
        Campaign.Kind.ROTATE,
        json,
        json,
        Campaign.State.RUNNING,
        new Campaign.Plan(100, 10, maxFailurePercent, 600),
        1,
        waves,
        acceptedWave,
        Optional.empty(),
        "admin",
        Instant.EPOCH,
        Instant.EPOCH,
        Optional.empty(),
        Map.of());
  }

  @Test
  void aWaveThatPassesWhateverItsLastStationsDoLetsTheNextOneStart() {
    // 100 stations, 90 finished of which 0 failed, 10 in flight: at worst 10% failed
    assertThat(CampaignRunner.passes(campaign(10, 0), 1, new CampaignStore.Tally(100, 90, 0, 10)))
        .isTrue();
  }

  @Test
  void aWaveThatCouldStillFailHoldsTheNextOneBack() {
    // one failure so far and 10 in flight: 11% if they all failed, over the 10% allowed
    assertThat(CampaignRunner.passes(campaign(10, 0), 1, new CampaignStore.Tally(100, 90, 1, 10)))
        .isFalse();
    // a wave with nobody allowed to fail waits for its last station
    assertThat(CampaignRunner.passes(campaign(0, 0), 1, new CampaignStore.Tally(100, 99, 0, 1)))
        .isFalse();
  }

  @Test
  void aWaveAnAdminLetThroughPassesWhateverHappens() {
    assertThat(CampaignRunner.passes(campaign(10, 1), 1, new CampaignStore.Tally(100, 50, 40, 10)))
        .isTrue();
  }

  @Test
  void aOneWaveCampaignWhoseStationsAllAcceptedCompletes() {
    // two stations, waves of 100: one wave, both accepted
    var store = new OneWave(campaign(10, 0, 1), new CampaignStore.Tally(2, 2, 0, 0));
    List<String> events = run(store);
    assertThat(store.calls).containsExactly("waveDone 1");
    assertThat(events).containsExactly("finished 1");
  }

  @Test
  void theLastWaveCompletesTheCampaignEvenOverItsFailureLimit() {
    // every station was asked and answered; one of two failed (50%, over 10%): pausing would
    // hold back nothing, so the campaign completes with the failure counted
    var store = new OneWave(campaign(10, 0, 1), new CampaignStore.Tally(2, 2, 1, 0));
    List<String> events = run(store);
    assertThat(store.calls).containsExactly("waveDone 1");
    assertThat(events).containsExactly("finished 1");
  }

  @Test
  void anEarlierWaveOverItsFailureLimitStillPausesTheCampaign() {
    var store = new OneWave(campaign(10, 0, 2), new CampaignStore.Tally(2, 2, 1, 0));
    List<String> events = run(store);
    assertThat(store.calls).containsExactly("pause wave 1: 1 of 2 failed or rejected");
    assertThat(events).containsExactly("waveFailed 1 1/2");
  }

  private static List<String> run(CampaignStore store) {
    List<String> seen = new ArrayList<>();
    CampaignRunner.Events events =
        new CampaignRunner.Events() {
          @Override
          public void waveFailed(Campaign c, int wave, long failed, long total) {
            seen.add("waveFailed " + wave + " " + failed + "/" + total);
          }

          @Override
          public void finished(Campaign c) {
            seen.add("finished " + c.id());
          }
        };
    try (var runner = new CampaignRunner(store, events, Duration.ofHours(1))) {
      assertThat(runner.pass()).isZero();
    }
    return seen;
  }

  /** One campaign whose current wave has finished with {@code tally}; records what it is told. */
  private static final class OneWave implements CampaignStore {
    final List<String> calls = new ArrayList<>();
    private final Campaign campaign;
    private final Tally tally;

    OneWave(Campaign campaign, Tally tally) {
      this.campaign = campaign;
      this.tally = tally;
    }

    @Override
    public List<Campaign> active() {
      return List.of(campaign);
    }

    @Override
    public int expire(Campaign c) {
      return 0;
    }

    @Override
    public Tally tally(Campaign c, int wave) {
      return wave == campaign.currentWave() ? tally : new Tally(100, 0, 0, 0);
    }

    @Override
    public void waveDone(Campaign c) {
      calls.add("waveDone " + c.currentWave());
    }

    @Override
    public void pause(Campaign c, String reason) {
      calls.add("pause " + reason);
    }

    @Override
    public Optional<Campaign> find(long id) {
      return Optional.of(campaign);
    }

    @Override
    public List<Next> next(Campaign c, int wave, int limit) {
      return List.of();
    }

    @Override
    public int launch(Campaign c, List<Launch> launches) {
      return 0;
    }

    @Override
    public Campaign create(Order order, List<String> stationIds) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<String> select(Selection selection) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<Campaign> list(boolean activeOnly, int limit) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<Campaign> finished(int limit) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<Target> targets(long id, Optional<Target.State> state, int offset, int limit) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean control(long id, Campaign.State to, String reason) {
      throw new UnsupportedOperationException();
    }

    @Override
    public <T> Optional<T> exclusively(Supplier<T> pass) {
      return Optional.ofNullable(pass.get());
    }

    @Override
    public void finish(Campaign c) {
      throw new UnsupportedOperationException();
    }
  }
}
