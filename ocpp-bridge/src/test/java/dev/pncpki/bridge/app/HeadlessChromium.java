package dev.pncpki.bridge.app;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Chromium in headless mode for page tests: the DOM of a page after its scripts ran, or a
 * screenshot. Each run gets a fresh profile (deleted afterwards) and no network beyond the page's
 * own origin. Chromium is the system property {@code pnc.chromium}, else {@code /usr/bin/chromium},
 * else {@code chromium} on the PATH.
 *
 * <p>Pages run on virtual time: Chromium fast-forwards timers until {@code budget} of virtual time
 * has passed (it does not advance while requests are in flight), so a page that polls every few
 * seconds still ends up rendered and the dump returns after a second or two of real time.
 */
final class HeadlessChromium {
  /** Real time a run may take before it is killed, whatever the virtual budget. */
  private static final Duration PROCESS_TIMEOUT = Duration.ofSeconds(60);

  private static final int STDERR_TAIL = 8_000;

  // --no-sandbox: the tests run as root, where Chromium's sandbox refuses to start. The rest keep
  // Chromium from calling home (the machines have no internet, and tests must not wait on it).
  private static final List<String> FLAGS =
      List.of(
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--hide-scrollbars");

  private final Path executable;

  HeadlessChromium() {
    this.executable =
        locate().orElseThrow(() -> new IllegalStateException("no chromium found (-Dpnc.chromium)"));
  }

  static boolean available() {
    return locate().isPresent();
  }

  /** The serialized DOM of {@code page} once {@code budget} of virtual time has passed. */
  String dumpDom(URI page, Duration budget) throws IOException, InterruptedException {
    return run(List.of(budgetFlag(budget), "--dump-dom", page.toString()), null);
  }

  /** A 1400 x 1000 PNG of {@code page} once {@code budget} of virtual time has passed. */
  Path screenshot(URI page, Path out, Duration budget) throws IOException, InterruptedException {
    return screenshot(page, out, budget, 1400, 1000);
  }

  /**
   * A PNG of the first {@code width} x {@code height} pixels of {@code page} (Chromium's {@code
   * --screenshot} takes the window, so a tall window shows a long page whole).
   */
  Path screenshot(URI page, Path out, Duration budget, int width, int height)
      throws IOException, InterruptedException {
    Path target = out.toAbsolutePath();
    Files.createDirectories(target.getParent());
    Files.deleteIfExists(target);
    run(
        List.of(
            budgetFlag(budget),
            "--screenshot=" + target,
            "--window-size=" + width + "," + height,
            page.toString()),
        target);
    return target;
  }

  private static String budgetFlag(Duration budget) {
    return "--virtual-time-budget=" + budget.toMillis();
  }

  /** Runs Chromium; returns its stdout, after checking that {@code expectedFile} was written. */
  private String run(List<String> args, Path expectedFile)
      throws IOException, InterruptedException {
    Path work = Files.createTempDirectory("pnc-chromium-");
    try {
      Path stdout = work.resolve("stdout");
      Path stderr = work.resolve("stderr");
      List<String> command = new ArrayList<>();
      command.add(executable.toString());
      command.addAll(FLAGS);
      command.add("--user-data-dir=" + work.resolve("profile"));
      command.addAll(args);
      // Output goes to files, not pipes: a full pipe would block Chromium and nobody reads it
      // until the process ends.
      Process process =
          new ProcessBuilder(command)
              .redirectOutput(stdout.toFile())
              .redirectError(stderr.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
              .start();
      if (!process.waitFor(PROCESS_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        kill(process);
        throw failure("timed out after " + PROCESS_TIMEOUT, command, stderr);
      }
      kill(process); // helpers (zygote, crashpad) may outlive the browser process
      if (process.exitValue() != 0) {
        throw failure("exited with " + process.exitValue(), command, stderr);
      }
      if (expectedFile != null && !Files.isRegularFile(expectedFile)) {
        throw failure("wrote no " + expectedFile, command, stderr);
      }
      String dom = Files.readString(stdout, StandardCharsets.UTF_8);
      if (expectedFile == null && dom.isBlank()) {
        throw failure("dumped no DOM", command, stderr);
      }
      return dom;
    } finally {
      deleteTree(work);
    }
  }

  private static void kill(Process process) throws InterruptedException {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  private static IOException failure(String what, List<String> command, Path stderr) {
    String err;
    try {
      err = Files.exists(stderr) ? Files.readString(stderr, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      err = "(stderr unreadable: " + e + ")";
    }
    if (err.length() > STDERR_TAIL) {
      err = "..." + err.substring(err.length() - STDERR_TAIL);
    }
    return new IOException("chromium " + what + ": " + command + "\nstderr:\n" + err);
  }

  private static Optional<Path> locate() {
    String configured = System.getProperty("pnc.chromium");
    if (configured != null && !configured.isBlank()) {
      return executable(Path.of(configured));
    }
    Optional<Path> debian = executable(Path.of("/usr/bin/chromium"));
    if (debian.isPresent()) {
      return debian;
    }
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    return Pattern.compile(Pattern.quote(File.pathSeparator))
        .splitAsStream(path)
        .filter(dir -> !dir.isBlank())
        .map(dir -> Path.of(dir, "chromium"))
        .flatMap(p -> executable(p).stream())
        .findFirst();
  }

  private static Optional<Path> executable(Path candidate) {
    return Files.isRegularFile(candidate) && Files.isExecutable(candidate)
        ? Optional.of(candidate)
        : Optional.empty();
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  // a helper still writing its profile; the temp directory is cleaned by the OS
                }
              });
    } catch (IOException | UncheckedIOException e) {
      // best effort, as above
    }
  }
}
