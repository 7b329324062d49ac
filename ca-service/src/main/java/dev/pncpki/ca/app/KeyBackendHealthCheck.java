package dev.pncpki.ca.app;

import com.codahale.metrics.health.HealthCheck;
import dev.pncpki.ca.issuance.Hierarchy;
import dev.pncpki.ca.keys.KeyBackend;

/** The key backend answers for the first CA key and still holds the version the CA pins. */
final class KeyBackendHealthCheck extends HealthCheck {
  private final KeyBackend keys;
  private final Hierarchy hierarchy;

  KeyBackendHealthCheck(KeyBackend keys, Hierarchy hierarchy) {
    this.keys = keys;
    this.hierarchy = hierarchy;
  }

  @Override
  protected Result check() {
    var first = hierarchy.all().get(0).key();
    var found = keys.findKey(first.name());
    if (found.isEmpty()) {
      return Result.unhealthy("key " + first.name() + " is missing from the key backend");
    }
    if (found.get().version() < first.version()) {
      return Result.unhealthy(
          "key "
              + first.name()
              + " is at version "
              + found.get().version()
              + ", the CA pins "
              + first.version());
    }
    return Result.healthy();
  }
}
