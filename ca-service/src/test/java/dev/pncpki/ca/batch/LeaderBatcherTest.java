package dev.pncpki.ca.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LeaderBatcherTest {

  @Test
  void concurrentCallersShareRoundsAndEachGetsItsOwnAnswer() throws Exception {
    AtomicInteger rounds = new AtomicInteger();
    var batcher =
        new LeaderBatcher<Integer, Integer>(
            jobs -> {
              rounds.incrementAndGet();
              sleep(5); // an expensive round: others queue meanwhile
              jobs.forEach(j -> j.complete(j.input() * 2));
            });
    ExecutorService pool = Executors.newFixedThreadPool(16);
    List<Future<Integer>> answers = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      int n = i;
      answers.add(pool.submit(() -> batcher.submit(n)));
    }
    for (int i = 0; i < 200; i++) {
      assertThat(answers.get(i).get()).isEqualTo(i * 2);
    }
    pool.shutdown();
    assertThat(rounds.get()).isLessThan(200);
  }

  @Test
  void aLeaderRunsOneRoundAndReturnsWhileOthersKeepArriving() throws Exception {
    var batcher =
        new LeaderBatcher<Integer, Integer>(
            jobs -> {
              sleep(2);
              jobs.forEach(j -> j.complete(j.input()));
            });
    ExecutorService pool = Executors.newFixedThreadPool(8);
    var stop = new java.util.concurrent.atomic.AtomicBoolean();
    for (int t = 0; t < 7; t++) {
      pool.submit(
          () -> {
            while (!stop.get()) {
              batcher.submit(1);
            }
            return null;
          });
    }
    long start = System.nanoTime();
    assertThat(pool.submit(() -> batcher.submit(42)).get()).isEqualTo(42);
    // under steady load the caller still returns after a round or two, not when the load stops
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(10_000); // liveness, not speed
    stop.set(true);
    pool.shutdown();
  }

  @Test
  void aFailingRoundFailsItsJobsAndTheNextRoundWorks() {
    AtomicInteger calls = new AtomicInteger();
    var batcher =
        new LeaderBatcher<String, String>(
            jobs -> {
              if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("backend down");
              }
              jobs.forEach(j -> j.complete(j.input()));
            });
    assertThatThrownBy(() -> batcher.submit("a")).hasMessage("backend down");
    assertThat(batcher.submit("b")).isEqualTo("b");
  }

  @Test
  void aJobTheRoundForgetsFailsInsteadOfHanging() {
    var batcher = new LeaderBatcher<String, String>(jobs -> {});
    assertThatThrownBy(() -> batcher.submit("x")).hasMessageContaining("unanswered");
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
