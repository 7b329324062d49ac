package dev.pncpki.ca.app;

import dev.pncpki.ca.ceremony.CeremonyException;
import dev.pncpki.ca.ceremony.CeremonyPlan;
import dev.pncpki.ca.ceremony.CeremonyPlanReader;
import dev.pncpki.ca.ceremony.ExistingHierarchy;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Finds the ceremony plan: a file named in the configuration, or the bundled demo plan. It is read
 * against what the hierarchy folder already holds, to which it may add.
 */
final class PlanSource {
  private PlanSource() {}

  static CeremonyPlan load(String plan, URI publicUrl, Path hierarchy) {
    ExistingHierarchy existing = ExistingHierarchy.read(hierarchy, Instant.now());
    if (plan != null && !plan.isBlank()) {
      return CeremonyPlanReader.read(Path.of(plan), publicUrl, existing);
    }
    try (InputStream in = PlanSource.class.getResourceAsStream("/ceremony/demo-hierarchy.yaml")) {
      Path copy = Files.createTempFile("demo-hierarchy", ".yaml");
      try {
        Files.write(copy, in.readAllBytes());
        return CeremonyPlanReader.read(copy, publicUrl, existing);
      } finally {
        Files.deleteIfExists(copy);
      }
    } catch (IOException e) {
      throw new CeremonyException("cannot load the bundled demo plan: " + e.getMessage(), e);
    }
  }
}
