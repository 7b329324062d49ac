package dev.pncpki.bridge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * How many idle stations one bridge process holds (scripts/bench-bridge; not a test): the bridge
 * runs in its own JVM from its jar; this JVM opens the connections (OCPP 2.0.1, HTTP Basic), sends
 * one Heartbeat on each and checks the answer, keeps them open, and reads the bridge's heap after a
 * GC through its admin port. Both processes are limited to 20,000 open files here.
 */
public final class ConnectionBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ConnectionBenchmark() {}

  /** One simulated station: counts the CALLRESULT to its Heartbeat. Public: Jetty calls it. */
  public static final class Station implements Session.Listener.AutoDemanding {
    private final AtomicInteger answered;
    private final Semaphore inFlight;
    private final CountDownLatch done;

    Station(AtomicInteger answered, Semaphore inFlight, CountDownLatch done) {
      this.answered = answered;
      this.inFlight = inFlight;
      this.done = done;
    }

    @Override
    public void onWebSocketText(String text) {
      if (text.startsWith("[3,")) {
        answered.incrementAndGet();
        inFlight.release();
        done.countDown();
      }
    }

    @Override
    public void onWebSocketError(Throwable cause) {
      BenchMain.stationError(cause);
    }
  }

  public static void main(String[] args) {
    BenchMain.run(args, ConnectionBenchmark::run);
  }

  private static void run(String[] args) throws Exception {
    int stations = Integer.parseInt(arg(args, "stations", "15000"));
    int idleSeconds = Integer.parseInt(arg(args, "idle", "30"));
    Path work = Path.of(arg(args, "work-dir", "target/bench-bridge"));
    String jar = arg(args, "bridge-jar", null);
    String schemas = arg(args, "schemas", null);
    Files.createDirectories(work);
    StringBuilder config = new StringBuilder();
    config.append(
        """
        server:
          applicationConnectors: [{type: http, bindHost: 127.0.0.1, port: 8190, acceptQueueSize: 4096}]
          adminConnectors: [{type: http, bindHost: 127.0.0.1, port: 8191}]
          requestLog: {appenders: []}
        logging: {level: WARN}
        ca: {url: "http://127.0.0.1:9"}
        organization: Bench CPO
        schemaDirectory: "%s"
        database: {embeddedDirectory: "%s"}
        # thousands of stations connect at once here: the login budget is for the field
        loginThrottle: {checksPerSecond: 100000}
        stations:
        """
            .formatted(schemas, work.toAbsolutePath().resolve("bridge-postgres")));
    // all bench stations share one password hash (the real PBKDF2 work is done per connection)
    config.append(RenewalBenchmark.stationsYaml(stations));
    Path yml = work.resolve("bridge-bench.yml");
    Files.writeString(yml, config.toString());
    Process bridge =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"),
                "-jar",
                jar,
                "server",
                yml.toString())
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("bridge.log").toFile())
            .start();
    try {
      waitForPort(8191);
      double baseline = heapAfterGc();
      var client = new WebSocketClient();
      client.setIdleTimeout(Duration.ofMinutes(10));
      client.start();
      var sessions = new ConcurrentLinkedQueue<Session>();
      var answered = new AtomicInteger();
      var failed = new AtomicInteger();
      var done = new CountDownLatch(stations);
      var inFlight = new Semaphore(200);
      long t0 = System.nanoTime();
      for (int i = 0; i < stations; i++) {
        String id = "BENCH-%05d".formatted(i);
        var request = BenchMain.upgrade(id);
        inFlight.acquire();
        var listener = new Station(answered, inFlight, done);
        client
            .connect(listener, URI.create("ws://127.0.0.1:8190/ocpp/" + id), request)
            .whenComplete(
                (session, error) -> {
                  if (error != null) {
                    failed.incrementAndGet();
                    inFlight.release();
                    done.countDown();
                  } else {
                    sessions.add(session);
                    session.sendText("[2,\"hb\",\"Heartbeat\",{}]", Callback.NOOP);
                  }
                });
      }
      done.await(10, TimeUnit.MINUTES);
      double seconds = (System.nanoTime() - t0) / 1e9;
      Thread.sleep(idleSeconds * 1000L);
      long open = sessions.stream().filter(Session::isOpen).count();
      double loaded = heapAfterGc();
      List<String> report = new ArrayList<>();
      report.add("pnc-pki ocpp-bridge connection benchmark");
      report.add(
          "stations      %,d connected and answered a Heartbeat in %.1f s (%,.0f/s); %d failed"
              .formatted(answered.get(), seconds, answered.get() / seconds, failed.get()));
      report.add("after idle    %,d still open after %d s idle".formatted(open, idleSeconds));
      report.add(
          "bridge heap   %.1f MB before, %.1f MB with them, %.1f KB per idle connection"
              .formatted(
                  baseline / 1e6, loaded / 1e6, (loaded - baseline) / 1024 / Math.max(1, open)));
      report.add(
          "note          HTTP Basic, PBKDF2-HMAC-SHA256 with 10,000 rounds checked once per connection");
      report.forEach(System.out::println);
      Files.write(work.resolve("report.txt"), report);
      client.stop();
    } finally {
      bridge.destroy();
      bridge.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private static double heapAfterGc() throws Exception {
    var http = HttpClient.newHttpClient();
    http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:8191/tasks/gc"))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.discarding());
    Thread.sleep(2000);
    JsonNode metrics =
        JSON.readTree(
            http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:8191/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString())
                .body());
    return metrics.path("gauges").path("jvm.memory.heap.used").path("value").asDouble();
  }

  private static void waitForPort(int port) throws Exception {
    for (int i = 0; i < 600; i++) {
      try (var s = new java.net.Socket("127.0.0.1", port)) {
        return;
      } catch (java.io.IOException e) {
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException("the bridge did not start");
  }

  static String arg(String[] args, String name, String fallback) {
    for (String a : args) {
      if (a.startsWith("--" + name + "=")) {
        return a.substring(name.length() + 3);
      }
    }
    return fallback;
  }
}
