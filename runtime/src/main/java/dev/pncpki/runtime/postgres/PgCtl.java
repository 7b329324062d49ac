package dev.pncpki.runtime.postgres;

import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL's own server control program, {@code pg_ctl}, from the directory of the embedded
 * binaries: it stops a server the way PostgreSQL means it to be stopped (fast shutdown: clients
 * disconnected, a checkpoint written, the lock file removed) and starts one and waits until it
 * takes connections.
 */
final class PgCtl {
  /** The server's own log lines, as the library logs those of the server it started. */
  private static final Logger SERVER =
      LoggerFactory.getLogger("dev.pncpki.runtime.postgres.server");

  private static final int LINES_KEPT = 20;

  private final Path executable;

  private PgCtl(Path executable) {
    this.executable = executable;
  }

  /** The {@code pg_ctl} next to a {@code postgres} executable, if it is there. */
  static Optional<PgCtl> beside(Path postgres) {
    Path dir = postgres.getParent();
    if (dir == null) {
      return Optional.empty();
    }
    Path pgCtl = dir.resolve("pg_ctl");
    return Files.isExecutable(pgCtl) ? Optional.of(new PgCtl(pgCtl)) : Optional.empty();
  }

  /**
   * Fast shutdown of the server of {@code dir}, waiting up to {@code timeout}: true once it has
   * stopped, false if pg_ctl could not stop it (its output is then logged).
   */
  boolean stop(Path dir, Duration timeout) throws InterruptedException {
    Deque<String> output = new ArrayDeque<>();
    int status =
        run(
            List.of(
                "stop",
                "-D",
                dir.toString(),
                "-m",
                "fast",
                "-w",
                "-t",
                Long.toString(Math.max(1, timeout.toSeconds()))),
            output,
            timeout.plusSeconds(5));
    if (status != 0) {
      SERVER.warn("pg_ctl stop in {} failed ({}): {}", dir, status, lines(output));
    }
    return status == 0;
  }

  /**
   * Starts the server of {@code dir} with {@code options} (passed to {@code postgres}) and waits up
   * to {@code timeout} until it takes connections.
   *
   * @throws IOException when it does not, with the last lines pg_ctl and the server wrote
   */
  void start(Path dir, List<String> options, Duration timeout)
      throws IOException, InterruptedException {
    Deque<String> output = new ArrayDeque<>();
    int status =
        run(
            List.of(
                "start",
                "-D",
                dir.toString(),
                "-o",
                String.join(" ", options),
                "-w",
                "-t",
                Long.toString(Math.max(1, timeout.toSeconds()))),
            output,
            timeout.plusSeconds(5));
    if (status != 0) {
      throw new IOException("pg_ctl start exited with " + status + ": " + lines(output));
    }
  }

  private static String lines(Deque<String> output) {
    synchronized (output) {
      return String.join(" / ", output);
    }
  }

  /**
   * Runs pg_ctl and returns its exit status. Its output is read on a thread of its own and logged:
   * a server it starts inherits that output and keeps writing to it for as long as it runs, so the
   * reader outlives pg_ctl; the last lines are kept in {@code output} for an error message.
   */
  private int run(List<String> arguments, Deque<String> output, Duration timeout)
      throws InterruptedException {
    List<String> command = new ArrayList<>();
    if (LinuxUtils.isUnshareAvailable()) {
      // as the library runs it: PostgreSQL refuses to run as root, so a service running as root
      // (in a container, say) runs it in a user namespace of its own, where it is not root
      command.addAll(List.of("unshare", "-U"));
    }
    command.add(executable.toString());
    command.addAll(arguments);
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      synchronized (output) {
        output.add("cannot run " + executable + ": " + e.getMessage());
      }
      return -1;
    }
    Thread reader =
        Thread.ofPlatform().name("pg_ctl-output").daemon().start(() -> pump(process, output));
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      return -1;
    }
    reader.join(200); // the lines pg_ctl wrote before it ended
    return process.exitValue();
  }

  private static void pump(Process process, Deque<String> output) {
    try (var in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        SERVER.info("{}", line);
        synchronized (output) {
          output.add(line);
          if (output.size() > LINES_KEPT) {
            output.removeFirst();
          }
        }
      }
    } catch (IOException e) {
      // the output closed: pg_ctl and any server it started have ended
    }
  }
}
