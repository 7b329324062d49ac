package dev.pncpki.ca.store;

import dev.pncpki.ca.contract.ContractRow;
import dev.pncpki.ca.contract.ContractWrites;
import dev.pncpki.ca.contract.NewContract;
import java.util.Collection;
import java.util.List;
import org.jdbi.v3.core.Handle;

/** Contract writes on the handle of an issuance round. */
public final class JdbiContractWrites implements ContractWrites {
  private final Handle handle;

  public JdbiContractWrites(Handle handle) {
    this.handle = handle;
  }

  @Override
  public void lockEmaids(Collection<String> emaids) {
    ContractStatements.lockEmaids(handle, emaids);
  }

  @Override
  public List<ContractRow> contractsOf(Collection<String> emaids) {
    return ContractStatements.contractsOf(handle, emaids);
  }

  @Override
  public List<Long> insert(List<NewContract> contracts) {
    return ContractStatements.insertContracts(handle, contracts);
  }

  @Override
  public boolean markReplaced(long id, long by) {
    return handle.attach(ContractDao.class).markReplaced(id, by) == 1;
  }
}
