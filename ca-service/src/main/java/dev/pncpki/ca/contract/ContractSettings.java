package dev.pncpki.ca.contract;

import dev.pncpki.ca.auth.Role;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code contracts} section of the configuration.
 *
 * @param renewalWindowDays an update (renewal) is accepted once the contract expires within this
 *     many days (default 60)
 * @param revocationCheck how an uploaded provisioning certificate's revocation status is checked
 * @param tenants the OEM and mobility-operator tenants and what each may name; a credential whose
 *     {@code oem:} or {@code mo:} role is not listed here is refused
 * @param hierarchyOemRootsFor trust the OEM roots of this CA's own hierarchy (the demo OEM PKI of
 *     the embedded default) for this OEM tenant's role; production leaves it out and admins add OEM
 *     roots
 */
public record ContractSettings(
    Integer renewalWindowDays,
    RevocationCheckMode revocationCheck,
    List<Tenant> tenants,
    String hierarchyOemRootsFor) {

  private static final Pattern ROLE = Pattern.compile("(oem|mo):[A-Za-z0-9][A-Za-z0-9._-]{0,62}");
  private static final Pattern PROVIDER_ID = Pattern.compile("[A-Z]{2}[A-Z0-9]{3}");
  private static final Pattern WMI = Pattern.compile("[A-Z0-9]{3}");

  public ContractSettings {
    renewalWindowDays = renewalWindowDays == null ? 60 : renewalWindowDays;
    revocationCheck = revocationCheck == null ? RevocationCheckMode.PREFER : revocationCheck;
    tenants = tenants == null ? List.of() : List.copyOf(tenants);
    if (renewalWindowDays < 0) {
      throw new IllegalArgumentException("contracts.renewalWindowDays must be >= 0");
    }
    check(tenants);
    if (hierarchyOemRootsFor != null
        && (!hierarchyOemRootsFor.startsWith("oem:")
            || tenants.stream().noneMatch(t -> t.role().equals(hierarchyOemRootsFor)))) {
      throw new IllegalArgumentException(
          "contracts.hierarchyOemRootsFor names " + hierarchyOemRootsFor + ", not an OEM tenant");
    }
  }

  public static ContractSettings defaults() {
    return new ContractSettings(null, null, null, null);
  }

  /** Each role once, well formed; provider IDs and WMIs non-empty and owned by one tenant each. */
  private static void check(List<Tenant> tenants) {
    Set<String> roles = new HashSet<>();
    Map<String, String> owners = new HashMap<>();
    for (Tenant t : tenants) {
      if (t.role() == null || !ROLE.matcher(t.role()).matches()) {
        throw new IllegalArgumentException(
            "contracts.tenants: role must be oem:<name> or mo:<name>, not " + t.role());
      }
      if (!roles.add(t.role())) {
        throw new IllegalArgumentException("contracts.tenants: " + t.role() + " is listed twice");
      }
      boolean mo = t.isMo();
      List<String> ids = mo ? t.providerIds() : t.wmis();
      Pattern form = mo ? PROVIDER_ID : WMI;
      String what = mo ? "providerIds (country code + provider ID, e.g. DEABC)" : "wmis";
      if (ids.isEmpty()) {
        throw new IllegalArgumentException("contracts.tenants: " + t.role() + " needs " + what);
      }
      for (String id : ids) {
        if (!form.matcher(id).matches()) {
          throw new IllegalArgumentException(
              "contracts.tenants: " + t.role() + " has " + what + " entry " + id);
        }
        String other = owners.putIfAbsent((mo ? "mo:" : "oem:") + id, t.role());
        if (other != null) {
          throw new IllegalArgumentException(
              "contracts.tenants: " + id + " belongs to both " + other + " and " + t.role());
        }
      }
    }
  }

  /**
   * Revocation checking of OEM provisioning certificates at upload. {@code PREFER}: ask the OEM's
   * OCSP responder when the certificate names one, and store the certificate with status "unknown"
   * when it cannot be reached; {@code REQUIRE}: refuse unless the status is good; {@code OFF}: do
   * not ask external responders. Certificates issued by this CA's own OEM PKI are always checked in
   * its database.
   */
  public enum RevocationCheckMode {
    PREFER,
    REQUIRE,
    OFF
  }

  /**
   * A tenant: {@code role} is {@code oem:<name>} or {@code mo:<name>}, as carried by the caller's
   * credential. {@code organization} is the O of a mobility operator's contract certificates
   * (default: the tenant name); {@code providerIds} are the country code + provider ID prefixes
   * (e.g. "DEPNC") of the eMAIDs a mobility operator may use, the first being used to allocate
   * eMAIDs; {@code wmis} are the World Manufacturer Identifiers of the PCIDs an OEM may upload.
   */
  public record Tenant(
      String role, String organization, List<String> providerIds, List<String> wmis) {
    public Tenant {
      providerIds = providerIds == null ? List.of() : List.copyOf(providerIds);
      wmis = wmis == null ? List.of() : List.copyOf(wmis);
    }

    /** The role as a type; a role that is not oem: or mo: is refused at start (validation). */
    public Role parsedRole() {
      return Role.parse(role);
    }

    public String name() {
      return switch (parsedRole()) {
        case Role.Oem oem -> oem.name();
        case Role.Mo mo -> mo.name();
        default -> throw new IllegalStateException("tenant " + role + " is neither oem: nor mo:");
      };
    }

    boolean isMo() {
      return parsedRole() instanceof Role.Mo;
    }

    public String organizationName() {
      return Optional.ofNullable(organization).orElse(name());
    }
  }
}
