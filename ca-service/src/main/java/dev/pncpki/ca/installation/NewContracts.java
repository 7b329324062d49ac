package dev.pncpki.ca.installation;

import dev.pncpki.ca.auth.Caller;
import dev.pncpki.ca.auth.Role;
import dev.pncpki.ca.contract.ContractRow;
import dev.pncpki.ca.contract.Contracts;
import dev.pncpki.ca.refusal.RefusedException;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Contracts made when a vehicle asks and has none, in the name of one configured mobility operator
 * (an operator that is also the certificate provisioning service's owner): an eMAID is allocated
 * from its first provider ID, and the issuance goes through the contract service like any other,
 * audited under the caller {@code iso15118-installation}.
 */
public final class NewContracts {
  private static final Logger LOG = LoggerFactory.getLogger(NewContracts.class);
  private final Contracts contracts;
  private final Caller operator;

  public NewContracts(Contracts contracts, String moRole) {
    Role role;
    try {
      role = Role.parse(moRole);
    } catch (IllegalArgumentException e) {
      role = null;
    }
    if (!(role instanceof Role.Mo)) {
      throw new IllegalArgumentException(
          "iso15118ContractsFrom names an mo: tenant, not " + moRole);
    }
    this.contracts = contracts;
    this.operator = new Caller("iso15118-installation", Set.of(role), Optional.empty());
  }

  /** A new contract for the PCID, or none if the contract service refuses (the reason logged). */
  Optional<ContractRow> issue(String pcid, String namespace) {
    try {
      return Optional.of(
          contracts.issue(operator, new Contracts.IssueContract(pcid, null, namespace, null)));
    } catch (RefusedException e) {
      LOG.warn("no contract made for PCID {}: {}", pcid, e.getMessage());
      return Optional.empty();
    }
  }
}
