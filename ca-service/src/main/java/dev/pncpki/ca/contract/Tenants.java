package dev.pncpki.ca.contract;

import dev.pncpki.ca.auth.Caller;
import dev.pncpki.ca.auth.Role;
import dev.pncpki.ca.refusal.Refusal;
import dev.pncpki.ca.refusal.RefusedException;
import java.util.List;
import java.util.Optional;

/**
 * Which OEM or mobility-operator tenant a caller acts for. A caller carries the tenant in a role
 * ({@code oem:<name>} or {@code mo:<name>}); only tenants the configuration lists (with their
 * provider IDs or WMIs) count, so a credential with an unlisted tenant role can do nothing here.
 */
final class Tenants {
  private final List<ContractSettings.Tenant> configured;

  Tenants(List<ContractSettings.Tenant> configured) {
    this.configured = List.copyOf(configured);
  }

  /** The OEM tenant the caller acts for, if any. */
  Optional<ContractSettings.Tenant> oem(Caller caller) {
    return tenant(caller, Role.Oem.class);
  }

  /** The mobility-operator tenant the caller acts for, if any. */
  Optional<ContractSettings.Tenant> mo(Caller caller) {
    return tenant(caller, Role.Mo.class);
  }

  ContractSettings.Tenant requireOem(Caller caller, String what) {
    return oem(caller).orElseThrow(() -> forbidden(caller, what));
  }

  ContractSettings.Tenant requireMo(Caller caller, String what) {
    return mo(caller).orElseThrow(() -> forbidden(caller, what));
  }

  /** Whether the caller acts for the OEM tenant named {@code oem}. */
  boolean isOem(Caller caller, String oem) {
    return oem(caller).map(t -> t.name().equals(oem)).orElse(false);
  }

  /** Whether the caller acts for the mobility-operator tenant named {@code mo}. */
  boolean isMo(Caller caller, String mo) {
    return mo(caller).map(t -> t.name().equals(mo)).orElse(false);
  }

  /** Whether {@code name} is a configured OEM tenant. */
  boolean hasOem(String name) {
    return configured.stream().anyMatch(t -> t.parsedRole().equals(new Role.Oem(name)));
  }

  static RefusedException forbidden(Caller caller, String what) {
    return new RefusedException(Refusal.FORBIDDEN, caller.name() + " may not " + what);
  }

  private Optional<ContractSettings.Tenant> tenant(Caller caller, Class<? extends Role> kind) {
    return configured.stream()
        .filter(t -> kind.isInstance(t.parsedRole()) && caller.has(t.parsedRole()))
        .findFirst();
  }
}
