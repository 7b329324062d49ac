package dev.pncpki.bridge.store;

import dev.pncpki.bridge.outbox.Delivery;
import dev.pncpki.bridge.outbox.OutboxStore;
import dev.pncpki.bridge.station.Route;
import dev.pncpki.bridge.trust.RootFingerprint;
import dev.pncpki.policies.profile.ProfileCatalog;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * {@link SigningRequests} in PostgreSQL (table {@code signing_request}). Admission is serialised
 * per station and type by a transaction advisory lock, so two CSRs racing through two instances
 * cannot both pass the one-outstanding rule or the limit. Attempts are leases ({@link #LEASE})
 * claimed with {@code FOR UPDATE SKIP LOCKED}; the certificate and its CertificateSigned delivery
 * are stored in one transaction, once per request.
 */
public final class SigningRequestTable implements SigningRequests {
  /** Longer than a CA call may take (20 s, after waiting for a turn at the CA). */
  static final Duration LEASE = Duration.ofSeconds(60);

  /** The first key of the admission locks ("pcsr"); the second is a hash of station and type. */
  private static final int LOCK_CLASS = 0x7063_7372;

  private static final String COLUMNS =
      "id, station_id, certificate_type, route, csr, profile, identity, root_sha256,"
          + " request_id, idempotency_key, attempts";

  private final Jdbi jdbi;
  private final OutboxStore outbox;
  private final String instance;

  public SigningRequestTable(Jdbi jdbi, OutboxStore outbox, String instance) {
    this.jdbi = jdbi;
    this.outbox = outbox;
    this.instance = instance;
  }

  @Override
  public Admission admit(Received r, Limit limit) {
    return jdbi.inTransaction(
        h -> {
          lock(h, r.stationId() + "\n" + r.certificateType());
          if (r.requestId().isPresent()) {
            lock(h, r.stationId()); // requestIds are the station's across its types
          }
          Optional<Admission> refused = refusal(h, r, limit);
          return refused.isPresent() ? refused.get() : new Admission.Admitted(insert(h, r));
        });
  }

  /** A transaction lock on {@code key}, released when the transaction ends. */
  private static void lock(Handle h, String key) {
    int unused =
        h.createQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(:lock, hashtext(:key))) AS l")
            .bind("lock", LOCK_CLASS)
            .bind("key", key)
            .mapTo(Integer.class)
            .one();
  }

  /** Why the CSR may not be accepted now, if it may not. */
  private static Optional<Admission> refusal(Handle h, Received r, Limit limit) {
    if (r.requestId().isPresent()) {
      // a station's counter may restart (a reboot, new firmware): only a recent use counts
      Optional<Long> reused =
          h
              .createQuery(
                  """
                  SELECT id, csr FROM signing_request
                  WHERE station_id = :station AND request_id = :request
                    AND received_at > now() - :window * interval '1 millisecond'
                  ORDER BY id DESC
                  """)
              .bind("station", r.stationId())
              .bind("request", r.requestId().get())
              .bind("window", limit.window().toMillis())
              .map(
                  (rs, ctx) ->
                      rs.getString("csr").strip().equals(r.csr().strip()) ? -1L : rs.getLong("id"))
              .stream()
              .filter(id -> id >= 0)
              .findFirst();
      if (reused.isPresent()) {
        return Optional.of(new Admission.RequestIdReused(reused.get()));
      }
    }
    List<Admission> outstanding =
        h.createQuery(
                """
                SELECT r.id, r.csr, r.request_id, r.received_at FROM signing_request r
                LEFT JOIN delivery d ON d.id = r.delivery_id
                WHERE r.station_id = :station AND r.certificate_type = :type
                  AND (r.state = 'issuing' OR r.state = 'issued' AND d.state IN ('pending', 'sending'))
                ORDER BY r.id
                """)
            .bind("station", r.stationId())
            .bind("type", r.certificateType())
            .map(
                (rs, ctx) ->
                    rs.getString("csr").strip().equals(r.csr().strip())
                            && Objects.equals(
                                rs.getObject("request_id", Integer.class),
                                r.requestId().orElse(null))
                        ? (Admission) new Admission.Repeated(rs.getLong("id"))
                        : new Admission.Outstanding(
                            rs.getLong("id"), rs.getTimestamp("received_at").toInstant()))
            .list();
    if (!outstanding.isEmpty()) { // the same CSR again is answered as the first was
      return outstanding.stream()
          .filter(a -> a instanceof Admission.Repeated)
          .findFirst()
          .or(() -> Optional.of(outstanding.get(0)));
    }
    long recent =
        h.createQuery(
                """
                SELECT count(*) FROM signing_request
                WHERE station_id = :station AND certificate_type = :type AND state <> 'failed'
                  AND received_at > now() - :window * interval '1 millisecond'
                """)
            .bind("station", r.stationId())
            .bind("type", r.certificateType())
            .bind("window", limit.window().toMillis())
            .mapTo(Long.class)
            .one();
    return recent >= limit.certificates()
        ? Optional.of(new Admission.Limited(recent, limit))
        : Optional.empty();
  }

  /** Stores the request claimed by this instance, its first attempt begun. */
  private Pending insert(Handle h, Received r) {
    return h.createQuery(
            """
            INSERT INTO signing_request (station_id, certificate_type, route, csr, profile,
              identity, root_sha256, request_id, idempotency_key, attempts, claimed_by,
              lease_until)
            VALUES (:station, :type, :route, :csr, :profile, :identity, :root, :request, :key, 1,
              :instance, now() + :lease * interval '1 second')
            RETURNING\s"""
                + COLUMNS)
        .bind("station", r.stationId())
        .bind("type", r.certificateType())
        .bind("route", r.route().wire())
        .bind("csr", r.csr())
        .bind("profile", r.profile().label())
        .bind("identity", r.identity())
        .bind("root", r.root().map(RootFingerprint::hex).orElse(null))
        .bindByType("request", r.requestId().orElse(null), Integer.class)
        .bind("key", "ocpp-csr-" + UUID.randomUUID())
        .bind("instance", instance)
        .bind("lease", LEASE.toSeconds())
        .map(SigningRequestTable::pending)
        .one();
  }

  @Override
  public List<Pending> claimDue(int max) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    """
                    UPDATE signing_request SET attempts = attempts + 1, claimed_by = :instance,
                      lease_until = now() + :lease * interval '1 second', updated_at = now()
                    WHERE id IN (SELECT id FROM signing_request
                      WHERE state = 'issuing' AND next_attempt_at <= now()
                        AND (lease_until IS NULL OR lease_until < now())
                      ORDER BY id LIMIT :max FOR UPDATE SKIP LOCKED)
                    RETURNING\s"""
                        + COLUMNS)
                .bind("instance", instance)
                .bind("lease", LEASE.toSeconds())
                .bind("max", max)
                .map(SigningRequestTable::pending)
                .list());
  }

  @Override
  public Optional<Delivery> issued(
      long id,
      String serial,
      Optional<RootFingerprint> issuedRoot,
      Delivery.Request certificateSigned) {
    return outbox.enqueueWithin(
        h -> stillIssuing(h, id) ? List.of(certificateSigned) : List.of(),
        (h, stored) -> {
          if (stored.isEmpty()) {
            return Optional.empty();
          }
          h.createUpdate(
                  """
                  UPDATE signing_request SET state = 'issued', serial = :serial,
                    issued_root_sha256 = :root, delivery_id = :delivery, claimed_by = NULL,
                    lease_until = NULL, last_error = NULL, updated_at = now()
                  WHERE id = :id
                  """)
              .bind("id", id)
              .bind("serial", serial)
              .bind("root", issuedRoot.map(RootFingerprint::hex).orElse(null))
              .bind("delivery", stored.get(0).id())
              .execute();
          return Optional.of(stored.get(0));
        });
  }

  /** Locks the request for this transaction; false if it is not being issued any more. */
  private static boolean stillIssuing(Handle h, long id) {
    return h.createQuery(
            "SELECT id FROM signing_request WHERE id = :id AND state = 'issuing' FOR UPDATE")
        .bind("id", id)
        .mapTo(Long.class)
        .findOne()
        .isPresent();
  }

  /**
   * Locks the request for this transaction; false if it is not being issued any more or not by this
   * instance (its lease lapsed and another instance claimed it, which now decides its outcome).
   */
  private boolean stillClaimed(Handle h, long id) {
    return h.createQuery(
            """
            SELECT id FROM signing_request
            WHERE id = :id AND state = 'issuing' AND claimed_by = :instance FOR UPDATE
            """)
        .bind("id", id)
        .bind("instance", instance)
        .mapTo(Long.class)
        .findOne()
        .isPresent();
  }

  @Override
  public void retryLater(long id, String error, Duration backoff) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    """
                    UPDATE signing_request SET claimed_by = NULL, lease_until = NULL,
                      next_attempt_at = now() + :backoff * interval '1 millisecond',
                      last_error = :error, updated_at = now()
                    WHERE id = :id AND state = 'issuing' AND claimed_by = :instance
                    """)
                .bind("id", id)
                .bind("instance", instance)
                .bind("backoff", backoff.toMillis())
                .bind("error", clipped(error))
                .execute());
  }

  @Override
  public boolean failed(long id, String error, Delivery.Request certificateSigned) {
    return jdbi.inTransaction(
        h -> {
          if (!stillClaimed(h, id)) {
            return false;
          }
          long delivery =
              h.createQuery(
                      """
                      INSERT INTO delivery (station_id, route, action, payload, origin, state,
                        attempts, max_attempts, last_error, at_most_once)
                      VALUES (:station, :route, :action, CAST(:payload AS jsonb), :origin,
                        'failed', 0, 1, :error, true)
                      RETURNING id
                      """)
                  .bind("station", certificateSigned.stationId())
                  .bind("route", certificateSigned.route().wire())
                  .bind("action", certificateSigned.action())
                  .bind("payload", certificateSigned.payload().toString())
                  .bind("origin", certificateSigned.origin())
                  .bind("error", "not issued: " + clipped(error))
                  .mapTo(Long.class)
                  .one();
          h.createUpdate(
                  """
                  UPDATE signing_request SET state = 'failed', delivery_id = :delivery,
                    last_error = :error, claimed_by = NULL, lease_until = NULL, updated_at = now()
                  WHERE id = :id
                  """)
              .bind("id", id)
              .bind("delivery", delivery)
              .bind("error", clipped(error))
              .execute();
          return true;
        });
  }

  @Override
  public void releaseOwn() {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    """
                    UPDATE signing_request SET claimed_by = NULL, lease_until = NULL
                    WHERE state = 'issuing' AND claimed_by = :instance
                    """)
                .bind("instance", instance)
                .execute());
  }

  @Override
  public List<Delivery> unrecorded(int max) {
    List<Long> ids =
        jdbi.withHandle(
            h ->
                h.createQuery(
                        """
                        SELECT d.id FROM signing_request r JOIN delivery d ON d.id = r.delivery_id
                        WHERE r.state = 'issued' AND r.updated_at > now() - interval '1 day'
                          AND d.state = 'answered' AND d.updated_at < now() - interval '5 seconds'
                          AND NOT EXISTS (SELECT 1 FROM station_certificate c
                                          WHERE c.delivery_id = d.id)
                        ORDER BY d.id LIMIT :max
                        """)
                    .bind("max", max)
                    .mapTo(Long.class)
                    .list());
    return ids.stream().flatMap(id -> outbox.find(id).stream()).toList();
  }

  private static String clipped(String error) {
    String text = String.valueOf(error);
    return text.length() > 1000 ? text.substring(0, 1000) : text;
  }

  private static Pending pending(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Pending(
        rs.getLong("id"),
        rs.getString("station_id"),
        rs.getString("certificate_type"),
        Route.of(rs.getString("route")),
        rs.getString("csr"),
        ProfileCatalog.byLabel(rs.getString("profile")),
        rs.getString("identity"),
        Optional.ofNullable(rs.getString("root_sha256")).map(RootFingerprint::new),
        Optional.ofNullable(rs.getObject("request_id", Integer.class)),
        rs.getString("idempotency_key"),
        rs.getInt("attempts"));
  }
}
