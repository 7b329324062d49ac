package dev.pncpki.bridge.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** When the next wave may start before the current one has settled. */
class CampaignRunnerTest {

  private static Campaign campaign(int maxFailurePercent, int acceptedWave) {
    var json = JsonNodeFactory.instance.objectNode();
    return new Campaign(
        1,
        Campaign.Kind.ROTATE,
        json,
        json,
        Campaign.State.RUNNING,
        new Campaign.Plan(100, 10, maxFailurePercent, 600),
        1,
        3,
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
}
