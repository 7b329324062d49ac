package dev.pncpki.bridge.store;

import dev.pncpki.bridge.truststore.TrustStoreChecks;
import dev.pncpki.bridge.truststore.TrustStoreDiff;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/** {@link TrustStoreChecks} in {@code trust_store_check}. */
public final class TrustStoreCheckTable implements TrustStoreChecks {
  /** The advisory lock of trust-store passes ("tsck"). */
  private static final long LOCK = 0x7473_636bL;

  private final Jdbi jdbi;

  public TrustStoreCheckTable(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public Optional<Check> find(String stationId) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT * FROM trust_store_check WHERE station_id = :station")
                .bind("station", stationId)
                .map(TrustStoreCheckTable::check)
                .findOne());
  }

  @Override
  public List<Check> all() {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT * FROM trust_store_check ORDER BY station_id")
                .map(TrustStoreCheckTable::check)
                .list());
  }

  @Override
  public void queried(String stationId, long delivery) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    """
                    INSERT INTO trust_store_check (station_id, query_delivery_id)
                    SELECT id, :delivery FROM station WHERE id = :station
                    ON CONFLICT (station_id) DO UPDATE
                      SET query_delivery_id = excluded.query_delivery_id, updated_at = now()
                    """)
                .bind("station", stationId)
                .bind("delivery", delivery)
                .execute());
  }

  @Override
  public void evaluated(
      String stationId,
      long query,
      Instant at,
      TrustStoreDiff.Comparison comparison,
      String differenceSha256,
      int rounds,
      List<Long> changes) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    """
                    UPDATE trust_store_check SET evaluated_delivery_id = :query, checked_at = :at,
                      in_sync = :inSync, missing = :missing, extra = :extra, detail = :detail,
                      difference_sha256 = :difference, rounds = :rounds,
                      change_delivery_ids = :changes, updated_at = now()
                    WHERE station_id = :station
                    """)
                .bind("station", stationId)
                .bind("query", query)
                .bind("at", Timestamp.from(at))
                .bind("inSync", comparison.inSync())
                .bind("missing", comparison.missing().size())
                .bind("extra", comparison.extra().size())
                .bind("detail", StoredText.of(comparison.why(), 2000))
                .bind("difference", differenceSha256)
                .bind("rounds", rounds)
                .bindArray("changes", Long.class, changes)
                .execute());
  }

  @Override
  public void unanswered(String stationId, long query, Instant at, String why) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    """
                    UPDATE trust_store_check SET evaluated_delivery_id = :query, checked_at = :at,
                      in_sync = NULL, missing = 0, extra = 0, detail = :detail,
                      difference_sha256 = '', rounds = 0, change_delivery_ids = '{}',
                      updated_at = now()
                    WHERE station_id = :station
                    """)
                .bind("station", stationId)
                .bind("query", query)
                .bind("at", Timestamp.from(at))
                .bind("detail", StoredText.of(why, 2000))
                .execute());
  }

  @Override
  public <T> Optional<T> exclusively(Supplier<T> pass) {
    return AdvisoryLock.exclusively(jdbi, LOCK, pass);
  }

  private static Check check(ResultSet rs, StatementContext ctx) throws SQLException {
    Array changes = rs.getArray("change_delivery_ids");
    Long[] ids = (Long[]) changes.getArray();
    boolean inSync = rs.getBoolean("in_sync");
    boolean known = !rs.wasNull();
    return new Check(
        rs.getString("station_id"),
        Optional.ofNullable(rs.getObject("query_delivery_id", Long.class)),
        Optional.ofNullable(rs.getObject("evaluated_delivery_id", Long.class)),
        Optional.ofNullable(rs.getTimestamp("checked_at")).map(Timestamp::toInstant),
        known ? Optional.of(inSync) : Optional.empty(),
        rs.getInt("missing"),
        rs.getInt("extra"),
        rs.getString("detail"),
        rs.getString("difference_sha256"),
        rs.getInt("rounds"),
        Arrays.asList(ids));
  }
}
