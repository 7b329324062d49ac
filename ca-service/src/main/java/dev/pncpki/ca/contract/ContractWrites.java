package dev.pncpki.ca.contract;

import java.util.Collection;
import java.util.List;

/**
 * The contract writes of the transaction that records contract issuances as pending (a view of
 * {@link dev.pncpki.ca.issuance.PendingRows.Transaction}).
 */
public interface ContractWrites {
  /** Holds each eMAID's lock until the transaction ends, so that one eMAID's checks serialize. */
  void lockEmaids(Collection<String> emaids);

  /** Every contract of these eMAIDs, whatever its state. */
  List<ContractRow> contractsOf(Collection<String> emaids);

  /** Inserts the contracts in their order; their ids, in the same order. */
  List<Long> insert(List<NewContract> contracts);

  /** Marks contract {@code id} replaced by {@code by}; false if it is not active any more. */
  boolean markReplaced(long id, long by);
}
