package dev.pncpki.bridge.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pncpki.bridge.ocpp.MessageSchemas;
import dev.pncpki.bridge.ocpp.OcppVersion;
import dev.pncpki.bridge.outbox.InMemoryOutbox;
import dev.pncpki.bridge.station.InMemoryStations;
import dev.pncpki.bridge.station.StationRefusal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogRetrievalTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * A stand-in for the OCA's GetLog schemas (not part of this project), with their keywords: the
   * bridge's check of its own CALL is what is tested here, the real schemas in the ITs.
   */
  private static final String GET_LOG =
      """
      {
        "$schema": "http://json-schema.org/draft-06/schema#",
        "type": "object",
        "additionalProperties": false,
        "properties": {
          "logType": {"type": "string", "enum": ["DiagnosticsLog", "SecurityLog"]},
          "requestId": {"type": "integer"},
          "log": {
            "type": "object",
            "additionalProperties": false,
            "properties": {
              "remoteLocation": {"type": "string", "maxLength": 512},
              "oldestTimestamp": {"type": "string", "format": "date-time"},
              "latestTimestamp": {"type": "string", "format": "date-time"}
            },
            "required": ["remoteLocation"]
          }
        },
        "required": ["logType", "requestId", "log"]
      }
      """;

  @TempDir static Path schemaRoot;
  private static MessageSchemas schemas;

  private final InMemoryStations stations = new InMemoryStations();
  private final InMemoryOutbox outbox = new InMemoryOutbox();
  private final Logs store = new Logs();
  private final LogRetrieval logs =
      new LogRetrieval(
          stations,
          id ->
              switch (id) {
                case "CS-NEW" -> Optional.empty();
                case "CS-16" -> Optional.of(OcppVersion.OCPP16);
                default -> Optional.of(OcppVersion.OCPP201);
              },
          outbox,
          schemas,
          store,
          () -> Optional.of("http://bridge.example/log-uploads"),
          e -> {});

  @BeforeAll
  static void writeSchemas() throws Exception {
    for (OcppVersion v : OcppVersion.values()) {
      Path folder = Files.createDirectories(schemaRoot.resolve(v.schemaFolder()));
      Files.writeString(folder.resolve(v.requestSchema("BootNotification")), "{}");
      Files.writeString(folder.resolve(v.requestSchema("GetLog")), GET_LOG);
    }
    schemas = new MessageSchemas(schemaRoot);
  }

  LogRetrievalTest() {
    for (String id : List.of("CS-1", "CS-16", "CS-NEW")) {
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
        .isEqualTo(LogStore.Upload.KEPT);
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
  void timesOutsideTheYears1To9999AreRefusedAndNothingIsStoredOrSent() {
    for (String outside : List.of("+10000-01-01T00:00:00Z", "0000-12-31T23:59:59Z")) {
      for (boolean oldest : List.of(true, false)) {
        Optional<Instant> time = Optional.of(Instant.parse(outside));
        var ask =
            new LogRetrieval.Ask(
                LogType.SECURITY_LOG,
                oldest ? time : Optional.empty(),
                oldest ? Optional.empty() : time,
                Optional.empty());
        assertThatThrownBy(() -> logs.ask("ops", "CS-1", ask))
            .isInstanceOfSatisfying(
                StationRefusal.class,
                e -> {
                  assertThat(e.reason()).isEqualTo(StationRefusal.Reason.INVALID_FIELD);
                  assertThat(e.getMessage()).contains("years 1 to 9999");
                });
      }
    }
    assertThat(store.byId).isEmpty();
    assertThat(outbox.requests()).isEmpty();
    // the first and the last moment RFC 3339 can write are taken, and written as it writes them
    logs.ask(
        "ops",
        "CS-16",
        new LogRetrieval.Ask(
            LogType.SECURITY_LOG,
            Optional.of(Instant.parse("0001-01-01T00:00:00Z")),
            Optional.of(Instant.parse("9999-12-31T23:59:59Z")),
            Optional.empty()));
    var log = outbox.requests().get(0).payload().path("log");
    assertThat(log.path("oldestTimestamp").asText()).isEqualTo("0001-01-01T00:00:00Z");
    assertThat(log.path("latestTimestamp").asText()).isEqualTo("9999-12-31T23:59:59Z");
  }

  @Test
  void aRemoteLocationMustBePlainTextAndTheCallPassItsSchema() {
    for (String location :
        List.of(
            "ftp://logs.example/in\u0000coming/",
            "https://logs.example/\nforged",
            "https://logs.example/\u202Eelif")) {
      var ask =
          new LogRetrieval.Ask(
              LogType.SECURITY_LOG, Optional.empty(), Optional.empty(), Optional.of(location));
      assertThatThrownBy(() -> logs.ask("ops", "CS-1", ask))
          .isInstanceOfSatisfying(
              StationRefusal.class,
              e -> assertThat(e.reason()).isEqualTo(StationRefusal.Reason.INVALID_FIELD));
    }
    // longer than GetLog's remoteLocation (512): the schema refuses the CALL before it is stored
    var tooLong =
        new LogRetrieval.Ask(
            LogType.SECURITY_LOG,
            Optional.empty(),
            Optional.empty(),
            Optional.of("https://logs.example/" + "a".repeat(500)));
    for (String station : List.of("CS-1", "CS-16")) {
      assertThatThrownBy(() -> logs.ask("ops", station, tooLong))
          .isInstanceOfSatisfying(
              StationRefusal.class,
              e -> {
                assertThat(e.reason()).isEqualTo(StationRefusal.Reason.INVALID_OCPP_PAYLOAD);
                assertThat(e.getMessage()).contains("GetLog", "remoteLocation");
              });
    }
    assertThat(store.byId).isEmpty();
    assertThat(outbox.requests()).isEmpty();
  }

  @Test
  void anUploadUrlTakesOneFileOnceAndNeverAnEmptyOne() {
    var asked =
        logs.ask(
            "ops",
            "CS-1",
            new LogRetrieval.Ask(
                LogType.SECURITY_LOG, Optional.empty(), Optional.empty(), Optional.empty()));
    String location = asked.request().remoteLocation();
    String token = location.substring(location.lastIndexOf('/') + 1);
    var resource = new LogUploadResource(store);
    byte[] file = "log".getBytes(StandardCharsets.UTF_8);
    assertThat(refusal(() -> resource.put(token, "text/plain", new byte[0])))
        .isEqualTo(UploadRefusal.Reason.EMPTY);
    assertThat(refusal(() -> resource.post(token, "multipart/form-data; boundary=B", multipart())))
        .isEqualTo(UploadRefusal.Reason.EMPTY);
    assertThat(resource.put(token, "text/plain", file).getStatus()).isEqualTo(204);
    assertThat(
            refusal(
                () -> resource.post(token, "text/plain", "other".getBytes(StandardCharsets.UTF_8))))
        .isEqualTo(UploadRefusal.Reason.ALREADY_UPLOADED);
    assertThat(store.contents.get(token)).isEqualTo(file);
    assertThat(refusal(() -> resource.put("0".repeat(32), "text/plain", file)))
        .isEqualTo(UploadRefusal.Reason.NO_SUCH_UPLOAD);
    assertThat(refusal(() -> resource.put("../../v1/stations", "text/plain", file)))
        .isEqualTo(UploadRefusal.Reason.NO_SUCH_UPLOAD);
  }

  /** A multipart body whose first part is empty. */
  private static byte[] multipart() {
    return ("--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.log\"\r\n\r\n"
            + "\r\n--B--\r\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static UploadRefusal.Reason refusal(Runnable upload) {
    try {
      upload.run();
    } catch (UploadRefusal e) {
      return e.reason();
    }
    throw new AssertionError("the upload was kept");
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
    final Map<Integer, LogRequest> byId = new HashMap<>();
    private final Map<String, Integer> tokens = new HashMap<>();
    final Map<String, byte[]> contents = new HashMap<>();
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
    public Upload uploaded(String token, byte[] content, String contentType) {
      if (!tokens.containsKey(token)) {
        return Upload.NO_SUCH_UPLOAD;
      }
      return contents.putIfAbsent(token, content) == null ? Upload.KEPT : Upload.ALREADY_UPLOADED;
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
