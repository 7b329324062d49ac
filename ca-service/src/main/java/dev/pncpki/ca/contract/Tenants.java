package dev.pncpki.ca.contract;

import dev.pncpki.ca.auth.Caller;
import dev.pncpki.ca.problem.Problem;
import dev.pncpki.ca.problem.ProblemException;
import java.util.List;
import java.util.Optional;

/**
 * Which OEM or mobility-operator tenant a caller acts for. A caller carries the tenant in a role
 * ({@code oem:<name>} or {@code mo:<name>}); the configuration may say more about the tenant.
 */
final class Tenants {
  private final List<ContractSettings.Tenant> configured;

  Tenants(List<ContractSettings.Tenant> configured) {
    this.configured = List.copyOf(configured);
  }

  /** The OEM tenant the caller acts for, if any. */
  Optional<ContractSettings.Tenant> oem(Caller caller) {
    return tenant(caller, "oem:");
  }

  /** The mobility-operator tenant the caller acts for, if any. */
  Optional<ContractSettings.Tenant> mo(Caller caller) {
    return tenant(caller, "mo:");
  }

  ContractSettings.Tenant requireOem(Caller caller, String what) {
    return oem(caller).orElseThrow(() -> forbidden(caller, what));
  }

  ContractSettings.Tenant requireMo(Caller caller, String what) {
    return mo(caller).orElseThrow(() -> forbidden(caller, what));
  }

  static ProblemException forbidden(Caller caller, String what) {
    return new ProblemException(Problem.FORBIDDEN, caller.name() + " may not " + what);
  }

  private Optional<ContractSettings.Tenant> tenant(Caller caller, String prefix) {
    return caller.roles().stream()
        .filter(r -> r.startsWith(prefix) && r.length() > prefix.length())
        .sorted()
        .findFirst()
        .map(
            role ->
                configured.stream()
                    .filter(t -> t.role().equals(role))
                    .findFirst()
                    .orElseGet(() -> new ContractSettings.Tenant(role, null, null, null)));
  }
}
