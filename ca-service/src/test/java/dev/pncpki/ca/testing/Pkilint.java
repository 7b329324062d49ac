package dev.pncpki.ca.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * DigiCert's pkilint (RFC 5280, RFC 6960 linters), installed into the test virtual environment by
 * scripts/test, as an independent judge of certificates, CRLs and OCSP responses.
 */
public final class Pkilint {
  private Pkilint() {}

  /** Findings at WARNING or above, one per line, for a DER or PEM file. */
  public static List<String> lint(String tool, Path file, String... options) {
    String venv = System.getProperty("pnc.venv", System.getenv("PNC_VENV"));
    Path binary = venv == null ? Path.of(tool) : Path.of(venv, "bin", tool);
    if (venv != null && !Files.isExecutable(binary)) {
      throw new IllegalStateException(
          binary + " is missing: run scripts/test, which installs pkilint");
    }
    List<String> command =
        new ArrayList<>(List.of(binary.toString(), "lint", "-s", "WARNING", "-f", "CSV"));
    command.addAll(List.of(options));
    command.add(file.toString());
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      p.waitFor();
      return out.lines().filter(l -> !l.isBlank() && !l.startsWith("node_path")).toList();
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + binary + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
