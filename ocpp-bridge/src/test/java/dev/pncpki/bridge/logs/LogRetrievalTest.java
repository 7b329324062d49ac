package dev.pncpki.bridge.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pncpki.bridge.ocpp.OcppVersion;
import dev.pncpki.bridge.outbox.InMemoryOutbox;
import dev.pncpki.bridge.station.InMemoryStations;
import dev.pncpki.bridge.station.StationRefusal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LogRetrievalTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final InMemoryStations stations = new InMemoryStations();
  private final InMemoryOutbox outbox = new InMemoryOutbox();
  private final Logs store = new Logs();
  private final LogRetrieval logs =
      new LogRetrieval(
          stations,
          id -> id.equals("CS-NEW") ? Optional.empty() : Optional.of(OcppVersion.OCPP201),
          outbox,
          store,
          () -> Optional.of("http://bridge.example/log-uploads"),
          e -> {});

  LogRetrievalTest() {
    for (String id : List.of("CS-1", "CS-NEW")) {
      stations.add(InMemoryStations.basic(id, "a-password-000000"));
    }
  }

  @Test
  void getLogNamesTheBridgesUploadUrlWithATokenAndTheProgressIsRecorded() throws Exception {
    var asked =
        logs.ask(
            "ops",
            "CS-1",
            new LogRetrieval.Ask(
                LogType.SECURITY_LOG,
                Optional.of(Instant.parse("2026-12-01T00:00:00Z")),
                Optional.empty(),
                Optional.empty()));
    var payload = outbox.requests().get(0).payload();
    assertThat(payload.path("logType").asText()).isEqualTo("SecurityLog");
    assertThat(payload.path("requestId").asInt()).isEqualTo(asked.request().requestId());
    assertThat(payload.path("log").path("oldestTimestamp").asText())
        .isEqualTo("2026-12-01T00:00:00Z");
    String location = payload.path("log").path("remoteLocation").asText();
    assertThat(location).matches("http://bridge\\.example/log-uploads/[0-9a-f]{32}");
    int id = asked.request().requestId();

    logs.reported("CS-1", JSON.readTree("{\"status\": \"Uploading\", \"requestId\": " + id + "}"));
    logs.answered(
        asked.delivery(), JSON.readTree("{\"status\": \"Accepted\", \"filename\": \"x.log\"}"));
    logs.reported("CS-1", JSON.readTree("{\"status\": \"Idle\"}")); // no request: ignored
    logs.reported("CS-2", JSON.readTree("{\"status\": \"Uploaded\", \"requestId\": " + id + "}"));
    String token = location.substring(location.lastIndexOf('/') + 1);
    assertThat(store.uploaded(token, "log".getBytes(StandardCharsets.UTF_8), "text/plain"))
        .isTrue();
    logs.reported("CS-1", JSON.readTree("{\"status\": \"Uploaded\", \"requestId\": " + id + "}"));
    LogRequest r = store.find(id).orElseThrow();
    assertThat(r.status()).isEqualTo("Uploaded");
    assertThat(r.finished()).isTrue();
    assertThat(r.filename()).contains("x.log");
    assertThat(r.history())
        .extracting(LogRequest.Step::status)
        .containsExactly("Requested", "Uploading", "Accepted", "Uploaded");
  }

  @Test
  void anotherTargetIsUsedAsGivenAndStationsNeverSeenAreRefused() {
    logs.ask(
        "ops",
        "CS-1",
        new LogRetrieval.Ask(
            LogType.DIAGNOSTICS_LOG,
            Optional.empty(),
            Optional.empty(),
            Optional.of("ftp://logs.example/incoming/")));
    assertThat(outbox.requests().get(0).payload().path("log").path("remoteLocation").asText())
        .isEqualTo("ftp://logs.example/incoming/");
    var any =
        new LogRetrieval.Ask(
            LogType.SECURITY_LOG, Optional.empty(), Optional.empty(), Optional.empty());
    assertThatThrownBy(() -> logs.ask("ops", "CS-NEW", any))
        .isInstanceOfSatisfying(
            StationRefusal.class,
            e -> assertThat(e.reason()).isEqualTo(StationRefusal.Reason.NOT_CONNECTED_YET));
    var backwards =
        new LogRetrieval.Ask(
            LogType.SECURITY_LOG,
            Optional.of(Instant.parse("2026-12-02T00:00:00Z")),
            Optional.of(Instant.parse("2026-12-01T00:00:00Z")),
            Optional.empty());
    assertThatThrownBy(() -> logs.ask("ops", "CS-1", backwards)).isInstanceOf(StationRefusal.class);
    assertThat(outbox.requests()).hasSize(1);
  }

  @Test
  void theFirstPartOfAMultipartUploadIsTheFile() {
    String body =
        "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.log\"\r\n"
            + "Content-Type: text/plain\r\n\r\nline one\r\nline two\r\n--XyZ--\r\n";
    byte[] file =
        LogUploadResource.firstPart(
            "multipart/form-data; boundary=XyZ", body.getBytes(StandardCharsets.UTF_8));
    assertThat(new String(file, StandardCharsets.UTF_8)).isEqualTo("line one\r\nline two");
  }

  /** Log requests in memory. */
  private static final class Logs implements LogStore {
    private final Map<Integer, LogRequest> byId = new HashMap<>();
    private final Map<String, Integer> tokens = new HashMap<>();
    private int next = 1;

    @Override
    public int nextRequestId() {
      return next++;
    }

    @Override
    public void create(
        int id, String station, LogType type, String location, Optional<String> token, String by) {
      byId.put(
          id,
          new LogRequest(
              id,
              station,
              type,
              location,
              Optional.empty(),
              "Requested",
              Optional.empty(),
              List.of(new LogRequest.Step("Requested", Instant.now())),
              Optional.empty(),
              by,
              Instant.now(),
              Instant.now()));
      token.ifPresent(t -> tokens.put(t, id));
    }

    @Override
    public void delivered(int requestId, long deliveryId) {}

    @Override
    public void answered(int id, String status, Optional<String> filename) {
      LogRequest r = byId.get(id);
      put(
          r,
          r.status().equals("Requested") ? status : r.status(),
          filename.or(r::filename),
          status);
    }

    @Override
    public boolean reported(String station, int id, String status) {
      LogRequest r = byId.get(id);
      if (r == null || !r.stationId().equals(station)) {
        return false;
      }
      put(r, status, r.filename(), status);
      return true;
    }

    private void put(LogRequest r, String status, Optional<String> filename, String step) {
      List<LogRequest.Step> history = new ArrayList<>(r.history());
      history.add(new LogRequest.Step(step, Instant.now()));
      byId.put(
          r.requestId(),
          new LogRequest(
              r.requestId(),
              r.stationId(),
              r.type(),
              r.remoteLocation(),
              r.deliveryId(),
              status,
              filename,
              history,
              r.upload(),
              r.requestedBy(),
              r.createdAt(),
              Instant.now()));
    }

    @Override
    public boolean uploaded(String token, byte[] content, String contentType) {
      return tokens.containsKey(token);
    }

    @Override
    public Optional<LogRequest> find(int requestId) {
      return Optional.ofNullable(byId.get(requestId));
    }

    @Override
    public List<LogRequest> forStation(String stationId, int limit) {
      return byId.values().stream().filter(r -> r.stationId().equals(stationId)).toList();
    }

    @Override
    public Optional<byte[]> content(int requestId) {
      return Optional.empty();
    }
  }
}
