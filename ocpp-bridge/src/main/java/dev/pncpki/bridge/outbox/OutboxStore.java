package dev.pncpki.bridge.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pncpki.bridge.station.Route;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import javax.sql.DataSource;
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
   * Claims the station's oldest due delivery. Parameters: instance, lease in seconds, station, and
   * a delivery to pass over (a station's own answered row when claiming in the same statement; -1,
   * no delivery, otherwise).
   */
  private static final String CLAIM =
      "UPDATE delivery SET state = 'sending', attempts = attempts + 1, claimed_by = ?,"
          + " lease_until = now() + ? * interval '1 second', updated_at = now() WHERE id ="
          + " (SELECT id FROM delivery WHERE station_id = ? AND id <> ? AND "
          + DUE
          + " ORDER BY id FOR UPDATE SKIP LOCKED LIMIT 1)";

  /** Parameters: the answer (JSON text), the delivery id, the instance. */
  private static final String ANSWER =
      "UPDATE delivery SET state = 'answered', answer = CAST(? AS jsonb), last_error = NULL,"
          + " lease_until = NULL, updated_at = now() WHERE id = ? AND state = 'sending'"
          + " AND claimed_by = ?";

  /**
   * Stores a request. When asked to claim (the first parameter), and nothing of the station is due
   * before it, the row is stored claimed by this instance, as {@link #CLAIM} would claim it, and
   * nobody is notified: no other instance may send it. Otherwise it is stored pending, with a
   * NOTIFY. Parameters: claim, station, then station, route, action, payload (JSON text), origin,
   * dedup key, max attempts, then instance, lease in seconds, then channel and notice.
   */
  private static final String INSERT =
      "WITH waiting AS (SELECT ? AND NOT EXISTS (SELECT 1 FROM delivery WHERE station_id = ?"
          + " AND "
          + DUE
          + ") AS claim), stored AS (INSERT INTO delivery (station_id, route, action, payload,"
          + " origin, dedup_key, max_attempts, state, attempts, claimed_by, lease_until)"
          + " SELECT ?, ?, ?, CAST(? AS jsonb), ?, ?, ?,"
          + " CASE WHEN claim THEN 'sending' ELSE 'pending' END, CASE WHEN claim THEN 1 ELSE 0 END,"
          + " CASE WHEN claim THEN ? END,"
          + " CASE WHEN claim THEN now() + ? * interval '1 second' END FROM waiting"
          + " ON CONFLICT (station_id, dedup_key) WHERE dedup_key IS NOT NULL"
          + " AND state IN ('pending', 'sending') DO NOTHING RETURNING "
          + COLUMNS
          + ") SELECT stored.*, CASE WHEN stored.state = 'pending' THEN pg_notify(?, ?) END"
          + " AS notified FROM stored";

  /**
   * How the outbox hands what it stores to this instance's sender (the {@link Dispatcher}), so that
   * a delivery for a station connected here can be stored already claimed, saving the claim's
   * statement and commit and the other instances' wake-up.
   */
  interface Sender {
    /**
     * True if the station is connected here and no delivery pass runs for it: the caller then owns
     * the station's turn and must pass it to {@link #send}.
     */
    boolean takeTurn(String stationId);

    /** Runs the taken turn: the delivery stored claimed, if any, then whatever else is due. */
    void send(String stationId, Optional<Delivery> claimed);

    /** Something was stored for the station: deliver it if the station is connected here. */
    void wake(String stationId);
  }

  private static final Sender NO_SENDER =
      new Sender() {
        @Override
        public boolean takeTurn(String stationId) {
          return false;
        }

        @Override
        public void send(String stationId, Optional<Delivery> claimed) {}

        @Override
        public void wake(String stationId) {}
      };

  private final Jdbi jdbi;
  private final DataSource pool;
  private final int maxAttempts;
  private final String instance;
  private volatile Sender sender = NO_SENDER;

  /**
   * @param pool the connections {@code jdbi} uses: the statements each delivery runs go through
   *     plain JDBC (see {@link #oneRow})
   */
  public OutboxStore(Jdbi jdbi, DataSource pool, int maxAttempts, String instance) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    this.jdbi = jdbi;
    this.pool = pool;
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

  /** This instance's sender, told of every enqueue without a round trip through PostgreSQL. */
  void sendWith(Sender sender) {
    this.sender = sender;
  }

  @Override
  public Delivery enqueue(Delivery.Request request) {
    String station = request.stationId();
    boolean turn = sender.takeTurn(station);
    Optional<Delivery> claimed = Optional.empty();
    try (Connection c = pool.getConnection()) {
      // one statement, atomic on its own: no transaction around it
      Optional<Delivery> inserted = insertRow(c, request, turn);
      claimed = inserted.filter(d -> d.state() == Delivery.State.SENDING);
      return inserted.isPresent() ? inserted.get() : openDuplicate(c, request);
    } catch (SQLException e) {
      throw failed("storing a delivery", e);
    } finally {
      if (turn) {
        sender.send(station, claimed); // also when storing failed: the turn goes back
      } else {
        sender.wake(station);
      }
    }
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
                try {
                  Connection c = h.getConnection();
                  Optional<Delivery> inserted = insertRow(c, request, false);
                  stored.add(inserted.isPresent() ? inserted.get() : openDuplicate(c, request));
                } catch (SQLException e) {
                  throw failed("storing a delivery", e);
                }
              }
              return alongside.apply(h, List.copyOf(stored));
            });
    stored.forEach(d -> sender.wake(d.stationId()));
    return result;
  }

  /**
   * Stores the request, claimed by this instance if {@code claim} and nothing of the station is due
   * before it, else pending with a NOTIFY; empty if an open delivery has the same dedup key.
   */
  private Optional<Delivery> insertRow(Connection c, Delivery.Request request, boolean claim)
      throws SQLException {
    return oneRow(
        c,
        INSERT,
        s -> {
          s.setBoolean(1, claim);
          s.setString(2, request.stationId());
          s.setString(3, request.stationId());
          s.setString(4, request.route().wire());
          s.setString(5, request.action());
          s.setString(6, request.payload().toString());
          s.setString(7, request.origin());
          s.setString(8, request.dedupKey().orElse(null));
          s.setInt(9, maxAttempts);
          s.setString(10, instance);
          s.setLong(11, Dispatcher.LEASE.toSeconds());
          s.setString(12, CHANNEL);
          s.setString(13, instance + " " + request.stationId());
        });
  }

  /** The open delivery with the request's dedup key, which {@link #insertRow} ran into. */
  private static Delivery openDuplicate(Connection c, Delivery.Request request)
      throws SQLException {
    return oneRow(
            c,
            "SELECT "
                + COLUMNS
                + " FROM delivery WHERE station_id = ? AND dedup_key = ?"
                + " AND state IN ('pending', 'sending')",
            s -> {
              s.setString(1, request.stationId());
              s.setString(2, request.dedupKey().orElseThrow());
            })
        .orElseThrow(() -> new IllegalStateException("the open delivery went meanwhile"));
  }

  @Override
  public Optional<Delivery> find(long id) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT " + COLUMNS + " FROM delivery WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> row(rs))
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
                .map((rs, ctx) -> row(rs))
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
    return oneRow(
        "claiming a delivery",
        CLAIM + " RETURNING " + COLUMNS,
        s -> {
          s.setString(1, instance);
          s.setLong(2, lease.toSeconds());
          s.setString(3, stationId);
          s.setLong(4, -1L); // no delivery has this id
        });
  }

  /** The station answered delivery {@code id} with a CALLRESULT. */
  void answered(long id, String instance, JsonNode answer) {
    try (Connection c = pool.getConnection();
        PreparedStatement s = c.prepareStatement(ANSWER)) {
      s.setString(1, answer.toString());
      s.setLong(2, id);
      s.setString(3, instance);
      s.executeUpdate();
    } catch (SQLException e) {
      throw failed("storing an answer", e);
    }
  }

  /**
   * The station answered delivery {@code id}; in the same statement (one round trip, one commit)
   * the station's next due delivery, if any, is claimed as {@link #claimNext} would. The claim does
   * not see the answer (one snapshot), so it names the answered row to pass over.
   */
  Optional<Delivery> answeredClaimingNext(
      long id, String instance, JsonNode answer, String stationId, Duration lease) {
    return oneRow(
        "storing an answer",
        "WITH answered AS (" + ANSWER + " RETURNING id) " + CLAIM + " RETURNING " + COLUMNS,
        s -> {
          s.setString(1, answer.toString());
          s.setLong(2, id);
          s.setString(3, instance);
          s.setString(4, instance);
          s.setLong(5, lease.toSeconds());
          s.setString(6, stationId);
          s.setLong(7, id);
        });
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

  /** A statement's parameters, set on it. */
  private interface Parameters {
    void set(PreparedStatement statement) throws SQLException;
  }

  /**
   * Runs a statement that returns at most one delivery, through plain JDBC on a pooled connection
   * in autocommit. Each delivery runs several of these (store, claim, answer); through JDBI, the
   * per-statement set-up (handle, configuration copy, argument-factory lookup) had cost the bridge
   * more CPU than the statements themselves.
   */
  private Optional<Delivery> oneRow(String what, String sql, Parameters parameters) {
    try (Connection c = pool.getConnection()) {
      return oneRow(c, sql, parameters);
    } catch (SQLException e) {
      throw failed(what, e);
    }
  }

  private static Optional<Delivery> oneRow(Connection c, String sql, Parameters parameters)
      throws SQLException {
    try (PreparedStatement s = c.prepareStatement(sql)) {
      parameters.set(s);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? Optional.of(row(rs)) : Optional.empty();
      }
    }
  }

  private static IllegalStateException failed(String what, SQLException e) {
    return new IllegalStateException("outbox: " + what + " failed: " + e.getMessage(), e);
  }

  private static Delivery row(ResultSet rs) throws SQLException {
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
