package dev.pncpki.bridge.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.pncpki.bridge.alerts.Alert;
import dev.pncpki.bridge.alerts.AlertSink;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alerts in the bridge database (table {@code alert}): every instance shows the same active alerts
 * and the history stays; the checks run on one instance at a time ({@link #exclusively}), so the
 * webhook hears each alert once, not once per instance.
 */
public final class AlertRecords implements AlertSink {
  private static final Logger LOG = LoggerFactory.getLogger(AlertRecords.class);
  private static final long LOCK = 0x706e_6361_6c65_7274L; // "pncalert"
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Jdbi jdbi;
  private final String instance;

  public AlertRecords(Jdbi jdbi, String instance) {
    this.jdbi = jdbi;
    this.instance = instance;
  }

  /** Runs the checks if no other instance is running them; empty if one is. */
  public <T> Optional<T> exclusively(Supplier<T> checks) {
    return AdvisoryLock.exclusively(jdbi, LOCK, checks);
  }

  @Override
  public void raised(Alert a) {
    try {
      jdbi.useHandle(
          h ->
              h.createUpdate(
                      "INSERT INTO alert (key, kind, subject, severity, detail, raised_at,"
                          + " raised_by) VALUES (:key, :kind, :subject, :severity, :detail, :since,"
                          + " :by) ON CONFLICT (key) WHERE cleared_at IS NULL DO UPDATE SET"
                          + " severity = excluded.severity, detail = excluded.detail, updated_at ="
                          + " now()")
                  .bind("key", a.key())
                  .bind("kind", a.kind().wireName())
                  .bind("subject", a.subject())
                  .bind("severity", a.severity().name().toLowerCase(Locale.ROOT))
                  .bind("detail", a.detail())
                  .bind("since", a.since())
                  .bind("by", instance)
                  .execute());
    } catch (RuntimeException e) {
      LOG.warn("alert {} not recorded: {}", a.key(), e.toString());
    }
  }

  /** The active alert's new detail (a count that went down), so every view shows it. */
  @Override
  public void refreshed(Alert a) {
    try {
      jdbi.useHandle(
          h ->
              h.createUpdate(
                      "UPDATE alert SET detail = :detail, updated_at = now() WHERE key = :key"
                          + " AND cleared_at IS NULL")
                  .bind("key", a.key())
                  .bind("detail", a.detail())
                  .execute());
    } catch (RuntimeException e) {
      LOG.warn("alert {} not refreshed: {}", a.key(), e.toString());
    }
  }

  @Override
  public void cleared(Alert a) {
    clear(a.key());
  }

  /** Clears the active alert with this key, whichever instance raised it. */
  public void clear(String key) {
    try {
      jdbi.useHandle(
          h ->
              h.createUpdate(
                      "UPDATE alert SET cleared_at = now(), updated_at = now() WHERE key = :key"
                          + " AND cleared_at IS NULL")
                  .bind("key", key)
                  .execute());
    } catch (RuntimeException e) {
      LOG.warn("alert {} not cleared: {}", key, e.toString());
    }
  }

  /** The active alerts, critical first, then the oldest, as the API shows them. */
  public ArrayNode active() {
    return query(
        " WHERE cleared_at IS NULL ORDER BY severity = 'critical' DESC, raised_at LIMIT 1000", 0);
  }

  /** The newest {@code limit} alerts, active or cleared (the operations centre's history). */
  public ArrayNode history(int limit) {
    return query(" ORDER BY raised_at DESC, id DESC LIMIT :n", limit);
  }

  private ArrayNode query(String tail, int limit) {
    ArrayNode out = JSON.createArrayNode();
    jdbi.useHandle(
        h ->
            h.createQuery(
                    "SELECT kind, key, subject, severity, detail, raised_at, raised_by,"
                        + " cleared_at FROM alert"
                        + tail)
                .bind("n", limit)
                .map(
                    (rs, ctx) ->
                        out.addObject()
                            .put("kind", rs.getString("kind"))
                            .put("key", rs.getString("key"))
                            .put("subject", rs.getString("subject"))
                            .put("severity", rs.getString("severity"))
                            .put("detail", rs.getString("detail"))
                            .put("since", rs.getTimestamp("raised_at").toInstant().toString())
                            .put("raisedBy", rs.getString("raised_by"))
                            .put(
                                "clearedAt",
                                rs.getTimestamp("cleared_at") == null
                                    ? null
                                    : rs.getTimestamp("cleared_at").toInstant().toString()))
                .list());
    return out;
  }
}
