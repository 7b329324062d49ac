package dev.pncpki.ca.contract;

import dev.pncpki.ca.audit.AuditEvent;
import dev.pncpki.ca.issuance.CertificateStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Contracts and the provisioning certificates they are issued for, as the contract feature reads
 * and changes them. (New contracts are written with their issuance, through {@link
 * ContractWrites}.)
 */
public interface ContractStore {

  /** A provisioning certificate with whether its OEM root is still trusted and unexpired. */
  record Vehicle(ProvisioningRow provisioning, boolean rootTrusted) {}

  /** What a contract search asks for; each absent part matches everything. */
  record Search(
      Optional<String> mo,
      Optional<String> oem,
      Optional<String> pcid,
      Optional<String> emaid,
      int limit) {}

  /** Every contract of an eMAID for a PCID, oldest first, whatever its state. */
  List<ContractRow> contracts(String emaid, String pcid);

  List<ContractRow> search(Search search);

  /** Every contract of an eMAID, for any PCID, oldest first. */
  List<ContractRow> contractsOf(String emaid);

  /** The contract recorded with an issued certificate. */
  Optional<ContractRow> byCertificate(String issuerId, String serial);

  /**
   * In one transaction under the eMAID's lock (so that no renewal slips in): {@code choose} picks,
   * from the contracts of the eMAID for the PCID, those whose certificates to revoke, or refuses by
   * throwing; each is revoked as {@code revocation} says, with its audit event. The contracts
   * revoked.
   */
  List<ContractRow> revokeUnderLock(
      String emaid,
      String pcid,
      Function<List<ContractRow>, List<ContractRow>> choose,
      Function<ContractRow, CertificateStore.Revocation> revocation);

  /** Stores a provisioning certificate with its audit event; false if the PCID has one. */
  boolean addProvisioning(ProvisioningRow row, AuditEvent event);

  Optional<ProvisioningRow> provisioning(String pcid);

  /** Every pooled provisioning certificate, or those of one OEM. */
  List<ProvisioningRow> provisioningOf(Optional<String> oem);

  /** Deletes a PCID's provisioning certificate with its audit event. */
  void deleteProvisioning(String pcid, AuditEvent event);

  /** Adds an OEM trust anchor with its audit event; false if it is trusted already. */
  boolean addTrustAnchor(TrustAnchorRow row, AuditEvent event);

  /** Every OEM trust anchor. */
  List<TrustAnchorRow> trustAnchors();

  /** Removes an OEM trust anchor with its audit event; false if there is none with {@code id}. */
  boolean removeTrustAnchor(String id, AuditEvent event);

  /** The provisioning certificate of a PCID, with whether its root is trusted at {@code now}. */
  Optional<Vehicle> vehicle(String pcid, Instant now);
}
