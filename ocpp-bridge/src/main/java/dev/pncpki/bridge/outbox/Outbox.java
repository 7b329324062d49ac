package dev.pncpki.bridge.outbox;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The durable queue of the bridge's CALLs to stations. A request is a row before anything is sent;
 * the bridge instance holding the station's connection delivers it, also after reconnects and
 * restarts.
 */
public interface Outbox {
  /** Stores the request (or finds the open one with the same dedup key) and wakes its sender. */
  Delivery enqueue(Delivery.Request request);

  Optional<Delivery> find(long id);

  /** The station's deliveries, newest first. */
  List<Delivery> forStation(String stationId, int limit);

  /** Cancels a delivery that has not been sent yet; false if it is sending or final already. */
  boolean cancel(long id);

  /** Waits until the delivery is final or {@code wait} has passed, and returns it as it is. */
  Optional<Delivery> await(long id, Duration wait) throws InterruptedException;
}
