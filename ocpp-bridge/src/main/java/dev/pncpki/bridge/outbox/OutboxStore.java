package dev.pncpki.bridge.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pncpki.bridge.station.Route;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * The outbox in PostgreSQL (table {@code delivery}). Claims take the oldest due row of a station
 * with {@code FOR UPDATE SKIP LOCKED}, so bridge instances sharing the database never send the same
 * row twice; a claim is a lease, and a row whose claimer died is claimable again when it lapses.
 */
public final class OutboxStore implements Outbox {
  /**
   * The NOTIFY channel; the payload is the writing instance and the station id, so that an instance
   * skips its own notifications (it woke its dispatcher directly).
   */
  public static final String CHANNEL = "delivery";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String COLUMNS =
      "id, station_id, route, action, payload::text AS payload, origin, state, attempts,"
          + " max_attempts, next_attempt_at, answer::text AS answer, last_error, created_at,"
          + " updated_at";
  private static final String DUE =
      "(state = 'pending' AND next_attempt_at <= now()"
          + " OR state = 'sending' AND lease_until < now())";

  /**
   * Claims the station's oldest due delivery, passing over delivery {@code :answered} (a station's
   * own answered row when claiming in the same statement; -1, no delivery, otherwise).
   */
  private static final String CLAIM =
      "UPDATE delivery SET state = 'sending', attempts = attempts + 1, claimed_by = :instance,"
          + " lease_until = now() + :lease * interval '1 second', updated_at = now() WHERE id ="
          + " (SELECT id FROM delivery WHERE station_id = :station AND id <> :answered AND "
          + DUE
          + " ORDER BY id FOR UPDATE SKIP LOCKED LIMIT 1)";

  private static final String ANSWER =
      "UPDATE delivery SET state = 'answered', answer = CAST(:answer AS jsonb), last_error = NULL,"
          + " lease_until = NULL, updated_at = now() WHERE id = :id AND state = 'sending'"
          + " AND claimed_by = :instance";

  private final Jdbi jdbi;
  private final int maxAttempts;
  private final String instance;
  private volatile Consumer<String> enqueued = id -> {};

  public OutboxStore(Jdbi jdbi, int maxAttempts, String instance) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    this.jdbi = jdbi;
    this.maxAttempts = maxAttempts;
    this.instance = instance;
  }

  /** The station a notification names, unless this instance wrote it. */
  Optional<String> notifiedStation(String payload) {
    int space = payload.lastIndexOf(' '); // station ids have no spaces
    return space < 0 || payload.substring(0, space).equals(instance)
        ? Optional.empty()
        : Optional.of(payload.substring(space + 1));
  }

  /** Called with the station id after each enqueue (the local dispatcher, without a round trip). */
  void onEnqueued(Consumer<String> wake) {
    this.enqueued = wake;
  }

  @Override
  public Delivery enqueue(Delivery.Request request) {
    // one statement, atomic on its own: no transaction around it
    Delivery stored = jdbi.withHandle(h -> insert(h, request));
    enqueued.accept(stored.stationId());
    return stored;
  }

  /**
   * In one transaction: works out the requests (from the database, for example the stations a
   * campaign may still ask), stores them, and runs {@code alongside} (recording what was asked);
   * then wakes their senders.
   */
  public <T> T enqueueWithin(
      Function<Handle, List<Delivery.Request>> requests,
      BiFunction<Handle, List<Delivery>, T> alongside) {
    List<Delivery> stored = new ArrayList<>();
    T result =
        jdbi.inTransaction(
            h -> {
              for (Delivery.Request request : requests.apply(h)) {
                stored.add(insert(h, request));
              }
              return alongside.apply(h, List.copyOf(stored));
            });
    stored.forEach(d -> enqueued.accept(d.stationId()));
    return result;
  }

  /** Stores the request and notifies the other instances, in one statement. */
  private Delivery insert(Handle h, Delivery.Request request) {
    Optional<Delivery> inserted =
        h.createQuery(
                "WITH stored AS (INSERT INTO delivery (station_id, route, action, payload, origin,"
                    + " dedup_key, max_attempts) VALUES (:station, :route, :action,"
                    + " CAST(:payload AS jsonb), :origin, :dedup, :max)"
                    + " ON CONFLICT (station_id, dedup_key) WHERE dedup_key IS NOT NULL"
                    + " AND state IN ('pending', 'sending') DO NOTHING RETURNING "
                    + COLUMNS
                    + ") SELECT stored.*, pg_notify(:channel, :notice) FROM stored")
            .bind("station", request.stationId())
            .bind("route", request.route().wire())
            .bind("action", request.action())
            .bind("payload", request.payload().toString())
            .bind("origin", request.origin())
            .bind("dedup", request.dedupKey().orElse(null))
            .bind("max", maxAttempts)
            .bind("channel", CHANNEL)
            .bind("notice", instance + " " + request.stationId())
            .map(OutboxStore::row)
            .findOne();
    if (inserted.isPresent()) {
      return inserted.get();
    }
    // the same thing is open already
    return h.createQuery(
            "SELECT "
                + COLUMNS
                + " FROM delivery WHERE station_id = :station AND dedup_key = :dedup"
                + " AND state IN ('pending', 'sending')")
        .bind("station", request.stationId())
        .bind("dedup", request.dedupKey().orElseThrow())
        .map(OutboxStore::row)
        .one();
  }

  @Override
  public Optional<Delivery> find(long id) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT " + COLUMNS + " FROM delivery WHERE id = :id")
                .bind("id", id)
                .map(OutboxStore::row)
                .findOne());
  }

  @Override
  public List<Delivery> forStation(String stationId, int limit) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM delivery WHERE station_id = :station ORDER BY id DESC LIMIT :n")
                .bind("station", stationId)
                .bind("n", limit)
                .map(OutboxStore::row)
                .list());
  }

  @Override
  public boolean cancel(long id) {
    return jdbi.withHandle(
            h ->
                h.createUpdate(
                        "UPDATE delivery SET state = 'cancelled', updated_at = now()"
                            + " WHERE id = :id AND state = 'pending'")
                    .bind("id", id)
                    .execute())
        == 1;
  }

  @Override
  public Optional<Delivery> await(long id, Duration wait) throws InterruptedException {
    Instant until = Instant.now().plus(wait);
    while (true) {
      Optional<Delivery> found = find(id);
      if (found.isEmpty() || found.get().state().isFinal() || Instant.now().isAfter(until)) {
        return found;
      }
      Thread.sleep(50);
    }
  }

  /** Claims the station's oldest due delivery for {@code instance}, for {@code lease}. */
  Optional<Delivery> claimNext(String instance, String stationId, Duration lease) {
    return jdbi.withHandle(
        h ->
            h.createQuery(CLAIM + " RETURNING " + COLUMNS)
                .bind("instance", instance)
                .bind("lease", lease.toSeconds())
                .bind("station", stationId)
                .bind("answered", -1L) // no delivery has this id
                .map(OutboxStore::row)
                .findOne());
  }

  /** The station answered delivery {@code id} with a CALLRESULT. */
  void answered(long id, String instance, JsonNode answer) {
    jdbi.useHandle(
        h ->
            h.createUpdate(ANSWER)
                .bind("id", id)
                .bind("instance", instance)
                .bind("answer", answer.toString())
                .execute());
  }

  /**
   * The station answered delivery {@code id}; in the same statement (one round trip, one commit)
   * the station's next due delivery, if any, is claimed as {@link #claimNext} would. The claim does
   * not see the answer (one snapshot), so it names the answered row to pass over.
   */
  Optional<Delivery> answeredClaimingNext(
      long id, String instance, JsonNode answer, String stationId, Duration lease) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "WITH answered AS ("
                        + ANSWER
                        + " RETURNING id) "
                        + CLAIM
                        + " RETURNING "
                        + COLUMNS)
                .bind("id", id)
                .bind("instance", instance)
                .bind("answer", answer.toString())
                .bind("lease", lease.toSeconds())
                .bind("station", stationId)
                .bind("answered", id)
                .map(OutboxStore::row)
                .findOne());
  }

  /**
   * A claimed delivery that was never sent (the station went, or the bridge is stopping) is due
   * again at once, its attempt not counted.
   */
  void release(long id, String instance) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "UPDATE delivery SET state = 'pending', attempts = attempts - 1,"
                        + " lease_until = NULL, claimed_by = NULL, updated_at = now()"
                        + " WHERE id = :id AND state = 'sending' AND claimed_by = :instance")
                .bind("id", id)
                .bind("instance", instance)
                .execute());
  }

  /**
   * The attempt failed: the row waits {@code backoff} for its next attempt, or is failed for good
   * when its attempts are used up or {@code retry} is false.
   */
  void attemptFailed(long id, String instance, String error, Duration backoff, boolean retry) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "UPDATE delivery SET state = CASE WHEN :retry AND attempts < max_attempts"
                        + " THEN 'pending' ELSE 'failed' END, next_attempt_at = now() + :backoff"
                        + " * interval '1 millisecond', last_error = :error, lease_until = NULL,"
                        + " updated_at = now() WHERE id = :id AND state = 'sending'"
                        + " AND claimed_by = :instance")
                .bind("id", id)
                .bind("instance", instance)
                .bind("retry", retry)
                .bind("backoff", backoff.toMillis())
                .bind("error", error.length() > 1000 ? error.substring(0, 1000) : error)
                .execute());
  }

  /** Stations with a delivery due now (a backoff ended, a lease lapsed). */
  List<String> dueStations() {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT DISTINCT station_id FROM delivery WHERE " + DUE)
                .mapTo(String.class)
                .list());
  }

  private static Delivery row(ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
      throws SQLException {
    String answer = rs.getString("answer");
    return new Delivery(
        rs.getLong("id"),
        rs.getString("station_id"),
        Route.of(rs.getString("route")),
        rs.getString("action"),
        json(rs.getString("payload")),
        rs.getString("origin"),
        Delivery.State.of(rs.getString("state")),
        rs.getInt("attempts"),
        rs.getInt("max_attempts"),
        instant(rs.getTimestamp("next_attempt_at")),
        Optional.ofNullable(answer).map(OutboxStore::json),
        Optional.ofNullable(rs.getString("last_error")),
        instant(rs.getTimestamp("created_at")),
        instant(rs.getTimestamp("updated_at")));
  }

  private static Instant instant(Timestamp t) {
    return t.toInstant();
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("delivery holds broken JSON", e);
    }
  }
}
