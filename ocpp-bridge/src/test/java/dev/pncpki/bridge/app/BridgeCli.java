package dev.pncpki.bridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The admin CLI as an operator runs it: the packaged jar, against a running bridge. */
record BridgeCli(int port) {
  /** What a run printed (stdout and stderr together) and its exit code. */
  record Ran(int exitCode, String output) {}

  /** Runs {@code verb args...} with the admin token; expects exit code 0. */
  String ok(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(args));
    command.addAll(List.of("--token", Peers.ADMIN_TOKEN));
    Ran ran = run(command);
    assertThat(ran.exitCode()).as(ran.output()).isZero();
    return ran.output();
  }

  /** Runs {@code verb args...} as given (no token added). */
  Ran run(List<String> args) throws Exception {
    Path jar = jar();
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString()));
    command.add(args.get(0));
    command.addAll(List.of("--url", "http://127.0.0.1:" + port));
    command.addAll(args.subList(1, args.size()));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Ran(p.exitValue(), output);
  }

  /** The packaged bridge (built before the integration tests run). */
  static Path jar() throws java.io.IOException {
    try (var files = Files.list(Path.of("target"))) {
      return files
          .filter(f -> f.getFileName().toString().matches("ocpp-bridge-.*-app\\.jar"))
          .findFirst()
          .orElseThrow();
    }
  }
}
