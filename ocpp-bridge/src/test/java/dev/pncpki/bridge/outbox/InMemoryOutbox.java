package dev.pncpki.bridge.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The outbox in memory, for unit tests of what the domain enqueues (the real one is SQL). */
public final class InMemoryOutbox implements Outbox {
  private final List<Delivery.Request> requests = new ArrayList<>();
  private final List<Delivery> deliveries = new ArrayList<>();

  @Override
  public synchronized Delivery enqueue(Delivery.Request request) {
    requests.add(request);
    Delivery d =
        new Delivery(
            deliveries.size() + 1,
            request.stationId(),
            request.route(),
            request.action(),
            request.payload(),
            request.origin(),
            Delivery.State.PENDING,
            0,
            8,
            Instant.EPOCH,
            Optional.empty(),
            Optional.empty(),
            Instant.EPOCH,
            Instant.EPOCH,
            Optional.empty());
    deliveries.add(d);
    return d;
  }

  /** As if delivery {@code id} had ended in {@code state} with {@code answer}. */
  public synchronized void settle(
      long id, Delivery.State state, Optional<com.fasterxml.jackson.databind.JsonNode> answer) {
    for (int i = 0; i < deliveries.size(); i++) {
      Delivery d = deliveries.get(i);
      if (d.id() == id) {
        deliveries.set(
            i,
            new Delivery(
                d.id(),
                d.stationId(),
                d.route(),
                d.action(),
                d.payload(),
                d.origin(),
                state,
                1,
                d.maxAttempts(),
                d.nextAttemptAt(),
                answer,
                state == Delivery.State.FAILED
                    ? Optional.of("CALLERROR NotSupported")
                    : Optional.empty(),
                d.createdAt(),
                d.updatedAt(),
                d.sealedSecret()));
      }
    }
  }

  /** What was enqueued, in order, secrets included. */
  public synchronized List<Delivery.Request> requests() {
    return List.copyOf(requests);
  }

  @Override
  public synchronized Optional<Delivery> find(long id) {
    return deliveries.stream().filter(d -> d.id() == id).findFirst();
  }

  @Override
  public synchronized List<Delivery> forStation(String stationId, int limit) {
    return deliveries.stream().filter(d -> d.stationId().equals(stationId)).limit(limit).toList();
  }

  @Override
  public boolean cancel(long id) {
    return false;
  }

  @Override
  public Optional<Delivery> await(long id, Duration wait) {
    return find(id);
  }
}
