package dev.pncpki.bridge.security;

import dev.pncpki.bridge.station.SecurityProfile;
import java.util.Optional;

/**
 * The steps of a security-profile upgrade, written into each delivery's origin ("security-profile 2
 * network-profile 1 1,0": target, step, slot, priority), so that the answer to one step, on
 * whichever instance and after restarts, knows the next.
 */
record Steps(SecurityProfile target, String step, int slot, String priority) {
  static final String NETWORK_PROFILE = "network-profile";
  static final String PRIORITY = "priority";
  static final String RESET = "reset";
  static final String CHANGE_CONFIGURATION = "change-configuration";

  static String origin(SecurityProfile target, String step, ProfileUpgrade.Options o) {
    return origin(target, step, o.configurationSlot(), o.priorityList());
  }

  static String origin(SecurityProfile target, String step, int slot, String priority) {
    return ProfileUpgrade.ORIGIN + target.number() + " " + step + " " + slot + " " + priority;
  }

  String next(String step) {
    return origin(target, step, slot, priority);
  }

  /** The steps an origin names, if it is an upgrade's. */
  static Optional<Steps> of(String origin) {
    if (!origin.startsWith(ProfileUpgrade.ORIGIN)) {
      return Optional.empty();
    }
    String[] parts = origin.substring(ProfileUpgrade.ORIGIN.length()).split(" ", -1);
    if (parts.length != 4) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new Steps(
              SecurityProfile.of(Integer.parseInt(parts[0])),
              parts[1],
              Integer.parseInt(parts[2]),
              parts[3]));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
