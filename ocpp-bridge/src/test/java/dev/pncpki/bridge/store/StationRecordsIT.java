package dev.pncpki.bridge.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pncpki.bridge.logs.LogStore;
import dev.pncpki.bridge.logs.LogType;
import dev.pncpki.bridge.status.OcspLog;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What stations leave in the bridge's database, on a real PostgreSQL: the last verified OCSP answer
 * (rows of failed lookups that earlier versions wrote raise no alert and are not shown), and an
 * uploaded log (one file per upload URL, the first one, also when uploads race).
 */
class StationRecordsIT {
  @TempDir static Path dir;
  private static BridgeDatabase db;

  @BeforeAll
  static void start() {
    db = BridgeDatabase.embedded(dir.resolve("pg"), 8);
  }

  @AfterAll
  static void stop() throws Exception {
    db.close();
  }

  @Test
  void onlyVerifiedOcspAnswersCountForTheAlertAndTheView() {
    var ocsp = new OcspFreshness(db.jdbi());
    Instant now = Instant.now();
    ocsp.answered(
        "CS-NEAR",
        "1f",
        OcspLog.Status.GOOD,
        now.minusSeconds(60),
        Optional.of(now.plus(Duration.ofHours(2))));
    ocsp.answered(
        "CS-FAR",
        "2f",
        OcspLog.Status.REVOKED,
        now.minusSeconds(60),
        Optional.of(now.plus(Duration.ofDays(3))));
    db.jdbi()
        .useHandle(
            h ->
                h.execute(
                    """
                    INSERT INTO station_ocsp (station_id, serial, status, asked_at)
                    VALUES ('CS-OLD', '3f', 'failed', now()), ('CS-ODD', '4f', 'unknown', now())
                    """));
    assertThat(ocsp.endingBefore(now.plus(Duration.ofHours(12))))
        .extracting(OcspFreshness.Last::stationId)
        .containsExactly("CS-NEAR");
    assertThat(ocsp.all()).containsOnlyKeys("CS-NEAR", "CS-FAR");
    assertThat(ocsp.all().get("CS-FAR").status()).isEqualTo("revoked");
  }

  @Test
  void anUploadUrlKeepsTheFirstFileOnlyAlsoWhenUploadsRace() throws Exception {
    var logs = new StationLogs(db.jdbi());
    int id = logs.nextRequestId();
    String token = "a".repeat(32);
    logs.create(id, "CS-1", LogType.SECURITY_LOG, "http://b/" + token, Optional.of(token), "ops");
    assertThat(logs.uploaded("b".repeat(32), bytes("x"), "text/plain"))
        .isEqualTo(LogStore.Upload.NO_SUCH_UPLOAD);
    assertThat(logs.uploaded(token, bytes("first"), "text/plain")).isEqualTo(LogStore.Upload.KEPT);
    assertThat(logs.uploaded(token, bytes("second"), "text/plain"))
        .isEqualTo(LogStore.Upload.ALREADY_UPLOADED);
    assertThat(logs.content(id)).hasValueSatisfying(c -> assertThat(c).isEqualTo(bytes("first")));

    int raced = logs.nextRequestId();
    String other = "c".repeat(32);
    logs.create(
        raced, "CS-1", LogType.SECURITY_LOG, "http://b/" + other, Optional.of(other), "ops");
    List<Future<LogStore.Upload>> uploads = new ArrayList<>();
    try (var pool = Executors.newFixedThreadPool(8)) {
      for (int i = 0; i < 8; i++) {
        String body = "upload " + i;
        uploads.add(
            pool.submit((Callable<LogStore.Upload>) () -> logs.uploaded(other, bytes(body), "t")));
      }
    }
    List<LogStore.Upload> outcomes = new ArrayList<>();
    for (var u : uploads) {
      outcomes.add(u.get());
    }
    assertThat(outcomes).filteredOn(o -> o == LogStore.Upload.KEPT).hasSize(1);
    assertThat(outcomes).filteredOn(o -> o == LogStore.Upload.ALREADY_UPLOADED).hasSize(7);
    // a request that is over takes no file
    int over = logs.nextRequestId();
    String late = "d".repeat(32);
    logs.create(over, "CS-1", LogType.SECURITY_LOG, "http://b/" + late, Optional.of(late), "ops");
    logs.answered(over, "Rejected", Optional.empty());
    assertThat(logs.uploaded(late, bytes("late"), "text/plain"))
        .isEqualTo(LogStore.Upload.NO_SUCH_UPLOAD);
  }

  @Test
  void requestIdsStayClearOfACsmsAndAFinishedRequestHearsNoMore() {
    var logs = new StationLogs(db.jdbi());
    int id = logs.nextRequestId();
    assertThat(id).as("clear of the ids a CSMS counts from 1").isGreaterThan(1_000_000_000);
    String token = "e".repeat(32);
    logs.create(id, "CS-2", LogType.SECURITY_LOG, "http://b/" + token, Optional.of(token), "ops");
    // accepted, an earlier upload cancelled for it: the file is still wanted
    logs.answered(id, "AcceptedCanceled", Optional.empty());
    assertThat(logs.reported("CS-2", id, "Uploading")).isTrue();
    assertThat(logs.reported("CS-2", id, "Uploaded")).isTrue();
    // the notification came before the file: the file is still kept, once
    assertThat(logs.uploaded(token, bytes("log"), "text/plain")).isEqualTo(LogStore.Upload.KEPT);
    // a finished request takes no more notifications (one of another requester's, say)
    assertThat(logs.reported("CS-2", id, "UploadFailure")).isFalse();
    assertThat(logs.find(id).orElseThrow().status()).isEqualTo("Uploaded");
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
