package dev.pncpki.ca.ceremony;

import dev.pncpki.ca.keys.KeyBackend;
import dev.pncpki.ca.keys.software.SoftwareKeyBackend;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Small hierarchies made by the real ceremony with software keys, for unit tests: a plan given as
 * YAML text runs against a folder, which later plans may add to.
 */
public final class TestHierarchy {
  public static final URI PUBLIC_URL = URI.create("http://127.0.0.1:8080");

  /** A V2G root, a CPO Sub-CA 1 and a Sub-CA 2 with its delegated OCSP signer. */
  public static final String CPO =
      """
      certificates:
        - {id: root, profile: v2g-root, validityDays: 3650,
           subject: {commonName: Test Root, organization: Test, country: DE}}
        - {id: sub1, profile: cpo-sub-ca-1, issuer: root, validityDays: 1000,
           subject: {commonName: Test Sub-CA 1, organization: Test CPO, country: DE}}
        - {id: sub2a, profile: cpo-sub-ca-2, issuer: sub1, validityDays: 700,
           subject: {commonName: Test Sub-CA 2 A, organization: Test CPO, country: DE}}
        - {id: ocsp-sub2a, profile: ocsp-signer, issuer: sub2a, validityDays: 90,
           subject: {commonName: Test OCSP Sub-CA 2 A, organization: Test CPO, country: DE}}
      """;

  private final Path directory;
  private final KeyBackend backend;

  private TestHierarchy(Path root) {
    this.directory = root.resolve("hierarchy");
    this.backend = new SoftwareKeyBackend(root.resolve("keys"), "pw".toCharArray());
  }

  public static TestHierarchy in(Path root) {
    return new TestHierarchy(root);
  }

  public Path directory() {
    return directory;
  }

  public KeyBackend backend() {
    return backend;
  }

  /** Reads {@code yaml} against what the folder holds and runs it, at {@code now}. */
  public List<Ceremony.Outcome> run(String yaml, Instant now) throws IOException {
    return ceremony(now).run(plan(yaml, now));
  }

  public CeremonyPlan plan(String yaml, Instant now) throws IOException {
    Files.createDirectories(directory.getParent());
    Path file = Files.createTempFile(directory.getParent(), "plan", ".yaml");
    Files.writeString(file, yaml);
    return CeremonyPlanReader.read(file, PUBLIC_URL, ExistingHierarchy.read(directory, now));
  }

  public Ceremony ceremony(Instant now) {
    return new Ceremony(
        backend, directory, Clock.fixed(now, java.time.ZoneOffset.UTC), new SecureRandom());
  }
}
