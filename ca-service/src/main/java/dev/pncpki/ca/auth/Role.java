package dev.pncpki.ca.auth;

import java.util.regex.Pattern;

/**
 * What a caller may do, as configured for its token or client certificate: {@code admin}; {@code
 * bridge} (station and SECC certificates for the organization its credential names); {@code
 * oem:<name>} and {@code mo:<name>}, an OEM or mobility-operator tenant (docs/contracts.md).
 */
public sealed interface Role {
  Role ADMIN = new Admin();
  Role BRIDGE = new Bridge();

  /** The role as configured and audited, e.g. {@code mo:acme}. */
  String wire();

  record Admin() implements Role {
    @Override
    public String wire() {
      return "admin";
    }
  }

  record Bridge() implements Role {
    @Override
    public String wire() {
      return "bridge";
    }
  }

  /** The OEM tenant {@code name}. */
  record Oem(String name) implements Role {
    @Override
    public String wire() {
      return "oem:" + name;
    }
  }

  /** The mobility-operator tenant {@code name}. */
  record Mo(String name) implements Role {
    @Override
    public String wire() {
      return "mo:" + name;
    }
  }

  Pattern TENANT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

  /** A configured role; an unknown one is refused (the service does not start with it). */
  static Role parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("a role is missing");
    }
    String t = text.strip();
    if (t.equals("admin")) {
      return ADMIN;
    }
    if (t.equals("bridge")) {
      return BRIDGE;
    }
    int colon = t.indexOf(':');
    if (colon > 0 && TENANT.matcher(t.substring(colon + 1)).matches()) {
      String name = t.substring(colon + 1);
      switch (t.substring(0, colon)) {
        case "oem" -> {
          return new Oem(name);
        }
        case "mo" -> {
          return new Mo(name);
        }
        default -> {}
      }
    }
    throw new IllegalArgumentException(
        "role \"" + text + "\" is none of admin, bridge, oem:<name>, mo:<name>");
  }
}
