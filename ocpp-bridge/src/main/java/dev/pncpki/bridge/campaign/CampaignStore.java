package dev.pncpki.bridge.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pncpki.bridge.outbox.Delivery;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Where campaigns and their stations are kept (the bridge database), as the runner and API see it.
 */
public interface CampaignStore {

  /** What an admin asks for. */
  record Order(
      Campaign.Kind kind,
      JsonNode parameters,
      Selection selection,
      Campaign.Plan plan,
      String createdBy) {}

  /** A station to ask now: its OCPP version as of its last connection, empty if it never came. */
  record Next(String stationId, Optional<String> ocppVersion) {}

  /** What the runner does with a station it picked: send {@code request}, or fail it. */
  record Launch(String stationId, Optional<Delivery.Request> request, Optional<String> failure) {}

  /** A wave's stations: all, finished (any final state), and failed or rejected. */
  record Tally(long total, long finished, long failed, long inFlight) {}

  /** The campaigns are busy (a runner pass holds them); the caller may try again. */
  final class Busy extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Busy(String message) {
      super(message);
    }
  }

  /** Some of the stations are in flight in another campaign that has not finished. */
  final class Overlap extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Overlap(String message) {
      super(message);
    }
  }

  /**
   * Stores the campaign with its stations in order, in waves of the plan's size.
   *
   * @throws Overlap if a station is still to be asked, or in flight, in an unfinished campaign
   */
  Campaign create(Order order, List<String> stationIds);

  /** Station ids the database selects by operator, model or issuer. */
  List<String> select(Selection selection);

  Optional<Campaign> find(long id);

  /** Newest first; only those still active if {@code activeOnly}. */
  List<Campaign> list(boolean activeOnly, int limit);

  /** Those that ended (completed, or cancelled and settled), the last to finish first. */
  List<Campaign> finished(int limit);

  /** The campaign's stations in order, optionally only those in one state. */
  List<Target> targets(long id, Optional<Target.State> state, int offset, int limit);

  /**
   * Pauses, resumes or cancels: moves the campaign to {@code to} if it is in one of the states
   * {@code to} may follow (waiting for a runner pass to end). Cancelling also cancels its stations
   * not asked yet, and the CALLs still waiting in the outbox. False if it was in no such state.
   */
  boolean control(long id, Campaign.State to, String reason);

  /** Runs {@code pass} unless another instance is running one. */
  <T> Optional<T> exclusively(Supplier<T> pass);

  /** Running, paused, and cancelled ones with stations still in flight. */
  List<Campaign> active();

  /**
   * Moves stations on from what the outbox and security events say, then in the same transaction
   * fails those in flight for longer than the step timeout (not while a CALL is out under a live
   * lease), with the reason (disconnected, no CSR, no answer), and cancels their CALLs still
   * waiting.
   */
  int expire(Campaign campaign);

  /** Up to {@code limit} pending stations of {@code wave}, in order. */
  List<Next> next(Campaign campaign, int wave, int limit);

  /** Records the launches, the outbox rows in the same transaction; the number launched. */
  int launch(Campaign campaign, List<Launch> launches);

  Tally tally(Campaign campaign, int wave);

  /** Moves to the next wave, or completes the campaign after its last. */
  void waveDone(Campaign campaign);

  /** Pauses a running campaign on its own (a wave failed). */
  void pause(Campaign campaign, String reason);

  /** A cancelled campaign whose last station settled. */
  void finish(Campaign campaign);
}
