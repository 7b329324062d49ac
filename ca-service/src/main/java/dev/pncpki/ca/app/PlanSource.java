package dev.pncpki.ca.app;

import dev.pncpki.ca.ceremony.CeremonyException;
import dev.pncpki.ca.ceremony.CeremonyPlan;
import dev.pncpki.ca.ceremony.CeremonyPlanReader;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the ceremony plan: a file named in the configuration, or the bundled demo plan. */
final class PlanSource {
  private PlanSource() {}

  static CeremonyPlan load(String plan, URI publicUrl) {
    if (plan != null && !plan.isBlank()) {
      return CeremonyPlanReader.read(Path.of(plan), publicUrl);
    }
    try (InputStream in = PlanSource.class.getResourceAsStream("/ceremony/demo-hierarchy.yaml")) {
      Path copy = Files.createTempFile("demo-hierarchy", ".yaml");
      try {
        Files.write(copy, in.readAllBytes());
        return CeremonyPlanReader.read(copy, publicUrl);
      } finally {
        Files.deleteIfExists(copy);
      }
    } catch (IOException e) {
      throw new CeremonyException("cannot load the bundled demo plan: " + e.getMessage(), e);
    }
  }
}
