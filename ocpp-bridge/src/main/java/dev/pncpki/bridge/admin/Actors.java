package dev.pncpki.bridge.admin;

import jakarta.ws.rs.core.SecurityContext;

/** Who made a request: the name of the admin token it carried, for the audit trail. */
final class Actors {
  private Actors() {}

  static String of(SecurityContext caller) {
    return caller == null || caller.getUserPrincipal() == null
        ? "admin"
        : caller.getUserPrincipal().getName();
  }
}
