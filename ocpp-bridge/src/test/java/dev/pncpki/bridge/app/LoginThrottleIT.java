package dev.pncpki.bridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failed station logins against the running bridge: 200 wrong passwords for one station from one
 * address earn that address a back-off (429 with Retry-After, no password checked) while another
 * station logs in from another address at once; the flood is recorded as a few events with counts;
 * the attacked station still logs in from its own address, and only there. A station's own flood of
 * SecurityEventNotifications is stored the same way.
 */
class LoginThrottleIT {
  private static final String GUESSER = "127.0.0.2";
  private static final String HOME = "127.0.0.1";
  @TempDir static Path dir;
  static Peers peers;

  @BeforeAll
  static void start() throws Exception {
    peers =
        new Peers(
            dir,
            false,
            null,
            "loginThrottle: {freeFailures: 5, firstDelaySeconds: 1, maxDelaySeconds: 300,"
                + " forgetAfterSeconds: 900, checksPerSecond: 20, eventWindowSeconds: 3}\n");
  }

  @AfterAll
  static void stop() {
    peers.close();
  }

  @Test
  void aPasswordFloodFromOneAddressDoesNotSlowAnotherStation() throws Exception {
    int port = peers.bridge.getLocalPort();
    var before = login(HOME, port, "CS-0002");
    assertThat(login(HOME, port, "CS-0001").status()).as("CS-0001's own address").isEqualTo(101);

    List<Upgrade.Answer> flood = new ArrayList<>();
    long floodStart = System.nanoTime();
    try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
      List<Future<Upgrade.Answer>> sent = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        sent.add(
            pool.submit(
                () ->
                    new Upgrade(GUESSER, port, "/ocpp/CS-0001", "CS-0001", "wrong-guess-0000")
                        .send()));
      }
      for (var f : sent) {
        flood.add(f.get());
      }
    }
    double floodSeconds = (System.nanoTime() - floodStart) / 1e9;
    var after = login(HOME, port, "CS-0002");
    Map<Integer, Long> statuses =
        flood.stream()
            .collect(Collectors.groupingBy(Upgrade.Answer::status, Collectors.counting()));
    System.out.printf(
        "login throttle: 200 wrong passwords in %.2f s -> %s; CS-0002 login %d ms before, %d ms"
            + " after%n",
        floodSeconds, statuses, before.nanos() / 1_000_000, after.nanos() / 1_000_000);

    assertThat(statuses.keySet()).containsOnly(401, 429);
    // the free failures, and those already past the check when the back-off began
    assertThat(statuses.get(401)).isBetween(5L, 5L + 16);
    assertThat(flood.stream().filter(a -> a.status() == 429))
        .allMatch(a -> a.retryAfter().filter(s -> s.matches("[1-9][0-9]*")).isPresent());
    assertThat(after.status()).isEqualTo(101);
    assertThat(after.nanos()).as("not slowed by the flood").isLessThan(2_000_000_000L);

    // the station id is waiting out a back-off: from elsewhere even its right password waits,
    // from the address it last logged in from it does not
    assertThat(login("127.0.0.3", port, "CS-0001").status()).isEqualTo(429);
    assertThat(login(HOME, port, "CS-0001").status()).isEqualTo(101);
    // and a real station (the ocpp library) from the guesser's address is still refused
    var charger = peers.station("CS-0002", Peers.PASSWORD, "ocpp2.0.1", "connect");
    assertThat(charger.path("subprotocol").asText()).as(charger.toString()).isEqualTo("ocpp2.0.1");

    Thread.sleep(4000); // the event window ends
    JsonNode events = peers.securityEvents("CS-0001");
    long total = 0;
    for (JsonNode e : events) {
      total += e.path("count").asLong();
    }
    System.out.printf("login throttle: %d security events stored for the flood%n", events.size());
    assertThat(events.size()).as(events.toString()).isBetween(2, 6);
    assertThat(total).as(events.toString()).isEqualTo(201); // with the 429 from 127.0.0.3
    assertThat(events.toString()).contains("ConnectionRefused", "ConnectionThrottled", GUESSER);
    assertThat(events.toString()).doesNotContain("wrong-guess");
  }

  @Test
  void aStationsFloodOfSecurityEventsIsStoredAsAFewCountedRows() throws Exception {
    long start = System.nanoTime();
    var result = peers.station("CS-0002", Peers.PASSWORD, "ocpp2.0.1", "events");
    double seconds = (System.nanoTime() - start) / 1e9;
    assertThat(result.path("securityEvents").asInt()).as(result.toString()).isEqualTo(200);

    Thread.sleep(4000); // the event window ends
    List<JsonNode> rows = new ArrayList<>();
    peers.securityEvents("CS-0002").forEach(rows::add);
    rows.removeIf(e -> !e.path("type").asText().equals("TamperDetectionActivated"));
    long total = rows.stream().mapToLong(e -> e.path("count").asLong()).sum();
    System.out.printf(
        "security events: 200 SecurityEventNotifications in %.2f s -> %d rows%n",
        seconds, rows.size());
    assertThat(total).as(rows.toString()).isEqualTo(200);
    // the first at once, then one per window of 3 s the flood lasted
    assertThat(rows.size()).as(rows.toString()).isBetween(2, 2 + (int) (seconds / 3) + 1);
    assertThat(rows).allMatch(e -> e.path("source").asText().equals("station"));
    assertThat(rows.get(0).path("detail").asText()).contains("event 200");
  }

  private static Upgrade.Answer login(String from, int port, String station) throws Exception {
    return new Upgrade(from, port, "/ocpp/" + station, station, Peers.PASSWORD).send();
  }
}
