package dev.pncpki.bridge.bench;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;

/**
 * What every bridge benchmark's {@code main} does around its run: quiet logging, no child process
 * (OpenBao, CA, PostgreSQL, bridges) left behind on Ctrl-C, a failure reported with a non-zero
 * exit, and an exit that the WebSocket client's threads cannot hold up.
 */
final class BenchMain {
  static final String STATION_PASSWORD = "bench-station-password";

  /** A benchmark's body. */
  interface Body {
    void run(String[] args) throws Exception;
  }

  private BenchMain() {}

  static void run(String[] args, Body body) {
    if (org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
        instanceof ch.qos.logback.classic.Logger root) {
      root.setLevel(ch.qos.logback.classic.Level.WARN);
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroy)));
    int status = 0;
    try {
      body.run(args);
    } catch (Exception | Error e) {
      e.printStackTrace();
      status = 1;
    } finally {
      System.exit(status);
    }
  }

  /**
   * A simulated station's WebSocket error. Stopping the client at the end of a run closes every
   * session while its read is pending: those closed channels are expected; anything else is
   * printed.
   */
  static void stationError(Throwable cause) {
    if (!(cause instanceof java.nio.channels.ClosedChannelException)) {
      System.err.println("station error: " + cause);
    }
  }

  /** The upgrade of a bench station: OCPP 2.0.1, HTTP Basic with the shared bench password. */
  static ClientUpgradeRequest upgrade(String stationId) {
    return upgrade(stationId, "ocpp2.0.1", false);
  }

  /** The same in {@code version}, offering RFC 7692 permessage-deflate if {@code deflate}. */
  static ClientUpgradeRequest upgrade(String stationId, String version, boolean deflate) {
    var upgrade = new ClientUpgradeRequest();
    upgrade.setSubProtocols(version);
    if (deflate) {
      upgrade.addExtensions("permessage-deflate");
    }
    upgrade.setHeader(
        "Authorization",
        "Basic "
            + Base64.getEncoder()
                .encodeToString(
                    (stationId + ":" + STATION_PASSWORD).getBytes(StandardCharsets.UTF_8)));
    return upgrade;
  }
}
