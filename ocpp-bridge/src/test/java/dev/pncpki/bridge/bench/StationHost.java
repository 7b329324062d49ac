package dev.pncpki.bridge.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * A process of simulated stations for the campaign benchmark ({@link BenchStation}s BENCH-{from} to
 * BENCH-{to - 1}, station i on bridge i mod n): one process holds fewer sockets than the machine's
 * per-process limit. Prints {@code connected} once all are connected, then every second {@code
 * renewed R errors E [last error]}, until its stdin closes.
 */
public final class StationHost {
  private StationHost() {}

  public static void main(String[] args) throws Exception {
    if (org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
        instanceof ch.qos.logback.classic.Logger root) {
      root.setLevel(ch.qos.logback.classic.Level.ERROR);
    }
    int from = Integer.parseInt(ConnectionBenchmark.arg(args, "from", "0"));
    int to = Integer.parseInt(ConnectionBenchmark.arg(args, "to", "0"));
    String[] ports = ConnectionBenchmark.arg(args, "bridges", "").split(",");
    AtomicInteger renewed = new AtomicInteger();
    AtomicInteger errors = new AtomicInteger();
    AtomicReference<String> lastError = new AtomicReference<>("");
    var client = new WebSocketClient();
    client.setIdleTimeout(Duration.ofMinutes(30));
    client.start();
    var generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    List<CompletableFuture<?>> connecting = new ArrayList<>();
    for (int i = from; i < to; i++) {
      String id = "BENCH-%05d".formatted(i);
      var station =
          new BenchStation(
              id,
              generator.generateKeyPair(),
              (who, error) -> {
                if (error == null) {
                  renewed.incrementAndGet();
                } else {
                  errors.incrementAndGet();
                  lastError.set(who + ": " + error);
                }
              });
      String port = ports[i % ports.length];
      connecting.add(
          client.connect(
              station,
              URI.create("ws://127.0.0.1:" + port + "/ocpp/" + id),
              BenchMain.upgrade(id)));
      if (connecting.size() % 100 == 0) {
        CompletableFuture.allOf(connecting.toArray(CompletableFuture[]::new))
            .get(2, TimeUnit.MINUTES);
      }
    }
    CompletableFuture.allOf(connecting.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
    System.out.println("connected");
    System.out.flush();
    Thread.ofPlatform()
        .daemon()
        .start(
            () -> {
              while (true) {
                System.out.println(
                    "renewed " + renewed.get() + " errors " + errors.get() + " " + lastError.get());
                System.out.flush();
                try {
                  Thread.sleep(1000);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    try (var in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      while (in.readLine() != null) {
        // until the benchmark closes our stdin
      }
    }
    client.stop();
    System.exit(0);
  }
}
