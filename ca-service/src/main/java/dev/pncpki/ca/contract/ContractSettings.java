package dev.pncpki.ca.contract;

import java.util.List;
import java.util.Optional;

/**
 * The {@code contracts} section of the configuration.
 *
 * @param renewalWindowDays an update (renewal) is accepted once the contract expires within this
 *     many days (default 60)
 * @param revocationCheck how an uploaded provisioning certificate's revocation status is checked
 * @param tenants the OEM and mobility-operator tenants and what each may name
 * @param trustHierarchyOemRoots trust the OEM roots of this CA's own hierarchy (the demo OEM PKI of
 *     the embedded default); production leaves it off and admins add OEM roots
 */
public record ContractSettings(
    Integer renewalWindowDays,
    RevocationCheckMode revocationCheck,
    List<Tenant> tenants,
    boolean trustHierarchyOemRoots) {

  public ContractSettings {
    renewalWindowDays = renewalWindowDays == null ? 60 : renewalWindowDays;
    revocationCheck = revocationCheck == null ? RevocationCheckMode.PREFER : revocationCheck;
    tenants = tenants == null ? List.of() : List.copyOf(tenants);
    if (renewalWindowDays < 0) {
      throw new IllegalArgumentException("contracts.renewalWindowDays must be >= 0");
    }
  }

  public static ContractSettings defaults() {
    return new ContractSettings(null, null, null, false);
  }

  /**
   * Revocation checking of OEM provisioning certificates at upload. {@code PREFER}: ask the OEM's
   * OCSP responder when the certificate names one, and store the certificate with status "unknown"
   * when it cannot be reached; {@code REQUIRE}: refuse unless the status is good; {@code OFF}: do
   * not ask. Certificates issued by this CA's own OEM PKI are always checked in its database.
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
   * eMAIDs; {@code wmis} restrict the PCIDs an OEM may upload (empty: any).
   */
  public record Tenant(
      String role, String organization, List<String> providerIds, List<String> wmis) {
    public Tenant {
      providerIds = providerIds == null ? List.of() : List.copyOf(providerIds);
      wmis = wmis == null ? List.of() : List.copyOf(wmis);
    }

    public String name() {
      return role.substring(role.indexOf(':') + 1);
    }

    public String organizationName() {
      return Optional.ofNullable(organization).orElse(name());
    }
  }
}
