package dev.pncpki.ca.contract;

import java.util.Locale;

/**
 * Where a contract stands (docs/contracts.md): its issuance's state until the certificate is
 * issued, then what became of the certificate. Only an {@link #ACTIVE} contract is renewed,
 * delivered or revoked; a {@link #PENDING} one makes a revocation of its eMAID wait (409
 * contract-busy) until its issuance is issued or failed, which crash recovery ensures.
 */
public enum ContractState {
  PENDING,
  FAILED,
  ACTIVE,
  REPLACED,
  REVOKED,
  EXPIRED;

  /** As the API writes it: lower case. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
