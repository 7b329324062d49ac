package dev.pncpki.bridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Many Python {@code ocpp} stations in one process ({@code charger/fleet.py}), each with its
 * behaviour: accept, reject, vanish (drops its connection after accepting the trigger), mute
 * (connects once, then stays away). {@link #moveTo} points them at another bridge URL; they
 * reconnect there.
 */
final class Fleet implements AutoCloseable {
  private final Process process;
  private final Path out;

  private Fleet(Process process, Path out) {
    this.process = process;
    this.out = out;
  }

  /** {@code specs}: STATION:VERSION:BEHAVIOUR[:MODEL]. */
  static Fleet start(Path dir, String url, List<String> specs) throws Exception {
    Path out = Files.createTempDirectory(dir, "fleet-");
    Path script = out.resolve("fleet.py");
    try (var in = Fleet.class.getResourceAsStream("/charger/fleet.py")) {
      Files.write(script, in.readAllBytes());
    }
    Files.writeString(out.resolve("url"), url);
    List<String> command = new ArrayList<>(List.of(Peers.python(), script.toString()));
    command.add(out.toString());
    command.add(Peers.PASSWORD);
    command.addAll(specs);
    Process p =
        new ProcessBuilder(command).redirectError(out.resolve("stderr.txt").toFile()).start();
    return new Fleet(p, out);
  }

  void moveTo(String url) throws Exception {
    Files.writeString(out.resolve("url.tmp"), url);
    Files.move(
        out.resolve("url.tmp"),
        out.resolve("url"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /** CALLs received so far: station -> action -> count. */
  Map<String, Map<String, Integer>> calls() throws Exception {
    Map<String, Map<String, Integer>> calls = new TreeMap<>();
    Path log = out.resolve("calls.jsonl");
    if (!Files.exists(log)) {
      return calls;
    }
    for (String line : Files.readAllLines(log)) {
      JsonNode call = Peers.JSON.readTree(line);
      calls
          .computeIfAbsent(call.path("station").asText(), k -> new TreeMap<>())
          .merge(call.path("action").asText(), 1, Integer::sum);
    }
    return calls;
  }

  /** Stops the stations; what they report (per station: behaviour, calls, connections). */
  JsonNode stop() throws Exception {
    Files.writeString(out.resolve("stop"), "");
    String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue())
        .as(printed + Files.readString(out.resolve("stderr.txt")))
        .isZero();
    return Peers.JSON.readTree(printed);
  }

  @Override
  public void close() throws Exception {
    if (process.isAlive()) {
      Files.writeString(out.resolve("stop"), "");
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
  }
}
