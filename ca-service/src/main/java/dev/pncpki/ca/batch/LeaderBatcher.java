package dev.pncpki.ca.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * Shares one expensive round (a Vault call, a database commit) among concurrent callers, with no
 * timer and no thread of its own: the first caller to find no round in progress becomes the leader
 * and runs a round for everything queued; callers arriving meanwhile wait and go out in the
 * leader's next round. With no load a job runs at once; under load, rounds fill up.
 *
 * <p>A round completes each job; a round that throws fails every job it has not completed.
 */
public final class LeaderBatcher<T, R> {

  /** One caller's job: its input and how the round answers it. */
  public static final class Job<T, R> {
    private final T input;
    private final CompletableFuture<R> result = new CompletableFuture<>();
    private final CompletableFuture<Boolean> promoted = new CompletableFuture<>();

    private Job(T input) {
      this.input = input;
    }

    public T input() {
      return input;
    }

    public void complete(R value) {
      result.complete(value);
    }

    public void fail(RuntimeException e) {
      result.completeExceptionally(e);
    }
  }

  private final Consumer<List<Job<T, R>>> round;
  private final Object lock = new Object();
  private List<Job<T, R>> queue = new ArrayList<>();
  private boolean running;

  public LeaderBatcher(Consumer<List<Job<T, R>>> round) {
    this.round = round;
  }

  /** Runs {@code input} in a round and returns its result, or throws what the round threw. */
  public R submit(T input) {
    Job<T, R> job = new Job<>(input);
    boolean leader;
    synchronized (lock) {
      queue.add(job);
      leader = !running;
      running = true;
    }
    if (leader) {
      leadOneRound();
    }
    CompletableFuture.anyOf(job.result, job.promoted).handle((v, e) -> null).join();
    if (!job.result.isDone()) {
      leadOneRound(); // promoted: this job is in the round it now leads
    }
    try {
      return job.result.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }

  private void leadOneRound() {
    List<Job<T, R>> jobs;
    synchronized (lock) {
      jobs = queue;
      queue = new ArrayList<>();
    }
    try {
      round.accept(jobs);
    } catch (RuntimeException e) {
      jobs.forEach(j -> j.fail(e));
    }
    if (jobs.stream().anyMatch(j -> !j.result.isDone())) {
      var unanswered = new IllegalStateException("batched job left unanswered by its round");
      jobs.forEach(j -> j.fail(unanswered)); // no effect on jobs already completed
    }
    Job<T, R> next;
    synchronized (lock) {
      next = queue.isEmpty() ? null : queue.get(0);
      running = next != null;
    }
    if (next != null) {
      next.promoted.complete(Boolean.TRUE);
    }
  }
}
