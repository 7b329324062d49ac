package dev.pncpki.bridge.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
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

  private final Jdbi jdbi;
  private final DataSource pool;
  private final int maxAttempts;
  private final String instance;
  private final Optional<SecretBox> secrets;
  private volatile Sender sender = Sender.NONE;

  /**
   * @param pool the connections {@code jdbi} uses: the statements each delivery runs go through
   *     plain JDBC (see {@link DeliveryTable})
   */
  public OutboxStore(Jdbi jdbi, DataSource pool, int maxAttempts, String instance) {
    this(jdbi, pool, maxAttempts, instance, Optional.empty());
  }

  /** With {@code secrets}, deliveries may carry a secret (sealed with it while they wait). */
  public OutboxStore(
      Jdbi jdbi, DataSource pool, int maxAttempts, String instance, Optional<SecretBox> secrets) {
    this.secrets = secrets;
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    this.jdbi = jdbi;
    this.pool = pool;
    this.maxAttempts = maxAttempts;
    this.instance = instance;
  }

  /** Whether deliveries may carry secrets (a secret key is configured). */
  public boolean keepsSecrets() {
    return secrets.isPresent();
  }

  private SecretBox box() {
    return secrets.orElseThrow(
        () -> new IllegalStateException("no secret key is configured (secretKeyFile)"));
  }

  /** The payload as it is sent: with the delivery's secret in place of its placeholders. */
  JsonNode sendable(Delivery d) {
    if (d.sealedSecret().isEmpty()) {
      return d.payload();
    }
    String secret = box().open(d.sealedSecret().get(), d.stationId());
    JsonNode payload = d.payload().deepCopy();
    reveal(payload, secret);
    return payload;
  }

  private static void reveal(JsonNode node, String secret) {
    if (node instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
      for (var it = o.fields(); it.hasNext(); ) {
        var field = it.next();
        if (field.getValue().isTextual() && Delivery.SECRET.equals(field.getValue().asText())) {
          field.setValue(com.fasterxml.jackson.databind.node.TextNode.valueOf(secret));
        } else {
          reveal(field.getValue(), secret);
        }
      }
    } else if (node.isArray()) {
      node.forEach(n -> reveal(n, secret));
    }
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
      throw DeliveryTable.failed("storing a delivery", e);
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
                  throw DeliveryTable.failed("storing a delivery", e);
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
    return DeliveryTable.oneRow(
        c,
        DeliveryTable.INSERT,
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
          s.setBytes(
              10, request.secret().map(v -> box().seal(v, request.stationId())).orElse(null));
          s.setBoolean(11, Delivery.atMostOnce(request.action()));
          s.setString(12, instance);
          s.setLong(13, Dispatcher.LEASE.toSeconds());
          s.setString(14, CHANNEL);
          s.setString(15, instance + " " + request.stationId());
        });
  }

  /** The open delivery with the request's dedup key, which {@link #insertRow} ran into. */
  private static Delivery openDuplicate(Connection c, Delivery.Request request)
      throws SQLException {
    return DeliveryTable.oneRow(
            c,
            "SELECT "
                + DeliveryTable.COLUMNS
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
            h.createQuery("SELECT " + DeliveryTable.COLUMNS + " FROM delivery WHERE id = :id")
                .bind("id", id)
                .map((rs, ctx) -> DeliveryTable.row(rs))
                .findOne());
  }

  @Override
  public List<Delivery> forStation(String stationId, int limit) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT "
                        + DeliveryTable.COLUMNS
                        + " FROM delivery WHERE station_id = :station ORDER BY id DESC LIMIT :n")
                .bind("station", stationId)
                .bind("n", limit)
                .map((rs, ctx) -> DeliveryTable.row(rs))
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
        DeliveryTable.CLAIM + " RETURNING " + DeliveryTable.COLUMNS,
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
        PreparedStatement s = c.prepareStatement(DeliveryTable.ANSWER)) {
      s.setString(1, answer.toString());
      s.setLong(2, id);
      s.setString(3, instance);
      s.executeUpdate();
    } catch (SQLException e) {
      throw DeliveryTable.failed("storing an answer", e);
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
        "WITH answered AS ("
            + DeliveryTable.ANSWER
            + " RETURNING id) "
            + DeliveryTable.CLAIM
            + " RETURNING "
            + DeliveryTable.COLUMNS,
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
   * again at once, its attempt not counted; the other instances are notified, since the station may
   * be connected to one of them by now (a row stored claimed was never announced).
   */
  void release(long id, String instance) {
    int unused =
        jdbi.withHandle(
            h ->
                h.createQuery(
                        "WITH released AS (UPDATE delivery SET state = 'pending', attempts = attempts"
                            + " - 1, lease_until = NULL, claimed_by = NULL, updated_at = now()"
                            + " WHERE id = :id AND state = 'sending' AND claimed_by = :instance"
                            + " RETURNING station_id) SELECT count(pg_notify(:channel, :instance || ' '"
                            + " || station_id)) FROM released")
                    .bind("id", id)
                    .bind("instance", instance)
                    .bind("channel", CHANNEL)
                    .mapTo(Integer.class)
                    .one());
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

  /**
   * The CALL of a delivery sent at most once was sent but not answered (silence, a disconnect, an
   * answer that cannot be read): it may have reached the station, so it is not sent again.
   */
  void unconfirmed(long id, String instance, String error) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "UPDATE delivery SET state = 'failed', unconfirmed = true, last_error ="
                        + " :error, lease_until = NULL, updated_at = now() WHERE id = :id AND"
                        + " state = 'sending' AND claimed_by = :instance")
                .bind("id", id)
                .bind("instance", instance)
                .bind("error", "unconfirmed: " + clipped(error) + "; not sent again")
                .execute());
  }

  /** Ends the deliveries sent at most once whose claimer's lease lapsed; how many. */
  int settleUnconfirmed() {
    return jdbi.withHandle(h -> h.createUpdate(DeliveryTable.UNCONFIRMED).execute());
  }

  /**
   * Rows this instance had claimed before it started (an earlier process under the same {@code
   * instanceId}, gone without settling them) need not wait for their leases: those sent at most
   * once are unconfirmed, the others due again at once. Instance ids are unique among running
   * instances, so no live sender holds them.
   */
  void recoverOwn() {
    int unused =
        jdbi.withHandle(
            h ->
                h.createUpdate(
                        "UPDATE delivery SET lease_until = now() - interval '1 second' WHERE"
                            + " state = 'sending' AND claimed_by = :instance")
                    .bind("instance", instance)
                    .execute());
    settleUnconfirmed();
  }

  private static String clipped(String error) {
    return error.length() > 900 ? error.substring(0, 900) : error;
  }

  /** Stations with a delivery due now (a backoff ended, a lease lapsed). */
  List<String> dueStations() {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT DISTINCT station_id FROM delivery WHERE " + DeliveryTable.DUE)
                .mapTo(String.class)
                .list());
  }

  /** A statement of {@link DeliveryTable} on a pooled connection, in autocommit. */
  private Optional<Delivery> oneRow(String what, String sql, DeliveryTable.Parameters parameters) {
    try (Connection c = pool.getConnection()) {
      return DeliveryTable.oneRow(c, sql, parameters);
    } catch (SQLException e) {
      throw DeliveryTable.failed(what, e);
    }
  }
}
