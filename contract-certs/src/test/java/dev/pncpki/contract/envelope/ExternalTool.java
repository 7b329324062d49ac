package dev.pncpki.contract.envelope;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs an independent tool (openssl, the test venv's python) and returns what it printed. */
final class ExternalTool {
  private ExternalTool() {}

  /** The test virtual environment's python, which scripts/env.sh gives {@code cryptography}. */
  static String python() {
    String venv = System.getProperty("pnc.venv", System.getenv("PNC_VENV"));
    if (venv == null) {
      throw new IllegalStateException("pnc.venv is not set: run scripts/test");
    }
    Path python = Path.of(venv, "bin", "python");
    if (!Files.isExecutable(python)) {
      throw new IllegalStateException(python + " is missing: run scripts/test");
    }
    return python.toString();
  }

  /** Standard output; fails the test with standard error if the exit code is not 0. */
  static byte[] run(Path directory, List<String> command) {
    Path stderr = directory.resolve("stderr.txt");
    try {
      Process p =
          new ProcessBuilder(command)
              .directory(directory.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .redirectError(stderr.toFile())
              .start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("timed out: " + command);
      }
      if (p.exitValue() != 0) {
        throw new IllegalStateException(
            command + " exited with " + p.exitValue() + ":\n" + Files.readString(stderr));
      }
      return out;
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + command + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
