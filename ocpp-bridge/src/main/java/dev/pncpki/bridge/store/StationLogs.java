package dev.pncpki.bridge.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pncpki.bridge.logs.LogRequest;
import dev.pncpki.bridge.logs.LogStore;
import dev.pncpki.bridge.logs.LogType;
import dev.pncpki.runtime.text.PlainText;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;

/** Log requests and uploaded logs in the bridge's database (table {@code station_log}). */
public final class StationLogs implements LogStore {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Jdbi jdbi;

  public StationLogs(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public int nextRequestId() {
    return jdbi.withHandle(
        h -> h.createQuery("SELECT nextval('station_log_request')").mapTo(Integer.class).one());
  }

  @Override
  public void create(
      int requestId,
      String stationId,
      LogType type,
      String remoteLocation,
      Optional<String> uploadToken,
      String requestedBy) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    """
                    INSERT INTO station_log (request_id, station_id, log_type, remote_location,
                      upload_token, requested_by, history)
                    VALUES (:id, :station, :type, :location, :token, :by,
                      jsonb_build_array(jsonb_build_object('status', 'Requested', 'at', now())))
                    """)
                .bind("id", requestId)
                .bind("station", stationId)
                .bind("type", type.wire())
                .bind("location", remoteLocation)
                .bind("token", uploadToken.orElse(null))
                .bind("by", requestedBy)
                .execute());
  }

  @Override
  public void delivered(int requestId, long deliveryId) {
    jdbi.useHandle(
        h ->
            h.createUpdate("UPDATE station_log SET delivery_id = :d WHERE request_id = :id")
                .bind("d", deliveryId)
                .bind("id", requestId)
                .execute());
  }

  @Override
  public void answered(int requestId, String status, Optional<String> filename) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    """
                    UPDATE station_log
                    SET status = CASE WHEN status = 'Requested' THEN :status ELSE status END,
                      filename = COALESCE(:filename, filename),
                      history = history || jsonb_build_object('status', CAST(:status AS text), 'at', now()),
                      updated_at = now()
                    WHERE request_id = :id
                    """)
                .bind("id", requestId)
                .bind("status", status)
                .bind("filename", filename.map(PlainText::cleaned).orElse(null))
                .execute());
  }

  @Override
  public boolean reported(String stationId, int requestId, String status) {
    return jdbi.withHandle(
            h ->
                h.createUpdate(
                        """
                        UPDATE station_log SET status = :status,
                          history = history || jsonb_build_object('status', CAST(:status AS text), 'at', now()),
                          updated_at = now()
                        WHERE request_id = :id AND station_id = :station
                          AND status IN ('Requested', 'Accepted', 'AcceptedCanceled', 'Uploading')
                        """)
                    .bind("id", requestId)
                    .bind("station", stationId)
                    .bind("status", status)
                    .execute())
        == 1;
  }

  @Override
  public Upload uploaded(String token, byte[] content, String contentType) {
    return jdbi.inTransaction(
        h -> {
          // content IS NULL: a row updated by another upload since is re-checked under its lock
          int kept =
              h.createUpdate(
                      """
                      UPDATE station_log SET content = :content, content_type = :type,
                        uploaded_at = now(), updated_at = now()
                      WHERE upload_token = :token AND content IS NULL
                        AND status <> 'Rejected'
                      """)
                  .bind("token", token)
                  .bind("content", content)
                  .bind("type", contentType)
                  .execute();
          if (kept == 1) {
            return Upload.KEPT;
          }
          boolean already =
              h.createQuery(
                      """
                      SELECT EXISTS (SELECT 1 FROM station_log
                        WHERE upload_token = :token AND content IS NOT NULL)
                      """)
                  .bind("token", token)
                  .mapTo(Boolean.class)
                  .one();
          return already ? Upload.ALREADY_UPLOADED : Upload.NO_SUCH_UPLOAD;
        });
  }

  @Override
  public Optional<LogRequest> find(int requestId) {
    return query(Optional.of(requestId), Optional.empty(), 1).stream().findFirst();
  }

  @Override
  public List<LogRequest> forStation(String stationId, int limit) {
    return query(Optional.empty(), Optional.of(stationId), limit);
  }

  private List<LogRequest> query(
      Optional<Integer> requestId, Optional<String> stationId, int limit) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    """
                    SELECT request_id, station_id, log_type, remote_location, delivery_id, status,
                      filename, history::text AS history, octet_length(content) AS size,
                      content_type, uploaded_at, requested_by, created_at, updated_at
                    FROM station_log
                    WHERE (CAST(:id AS integer) IS NULL OR request_id = :id)
                      AND (CAST(:station AS text) IS NULL OR station_id = :station)
                    ORDER BY request_id DESC LIMIT :limit
                    """)
                .bind("id", requestId.orElse(null))
                .bind("station", stationId.orElse(null))
                .bind("limit", limit)
                .map(StationLogs::row)
                .list());
  }

  @Override
  public Optional<byte[]> content(int requestId) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT content FROM station_log WHERE request_id = :id")
                .bind("id", requestId)
                .map((rs, ctx) -> rs.getBytes("content"))
                .findOne()
                .flatMap(Optional::ofNullable));
  }

  private static LogRequest row(ResultSet rs, StatementContext ctx) throws SQLException {
    long delivery = rs.getLong("delivery_id");
    Optional<Long> deliveryId = rs.wasNull() ? Optional.empty() : Optional.of(delivery);
    var uploadedAt = rs.getTimestamp("uploaded_at");
    Optional<LogRequest.Upload> upload =
        uploadedAt == null
            ? Optional.empty()
            : Optional.of(
                new LogRequest.Upload(
                    rs.getLong("size"), rs.getString("content_type"), uploadedAt.toInstant()));
    return new LogRequest(
        rs.getInt("request_id"),
        rs.getString("station_id"),
        LogType.of(rs.getString("log_type")).orElseThrow(),
        rs.getString("remote_location"),
        deliveryId,
        rs.getString("status"),
        Optional.ofNullable(rs.getString("filename")),
        history(rs.getString("history")),
        upload,
        rs.getString("requested_by"),
        rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant());
  }

  private static List<LogRequest.Step> history(String json) {
    List<LogRequest.Step> steps = new ArrayList<>();
    try {
      for (JsonNode step : JSON.readTree(json)) {
        steps.add(
            new LogRequest.Step(
                step.path("status").asText(),
                java.time.OffsetDateTime.parse(step.path("at").asText()).toInstant()));
      }
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("station_log holds broken history", e);
    }
    return steps;
  }
}
