package dev.pncpki.ca.issuance;

import java.util.List;

/**
 * Rows that belong to issuances (a contract, say), written in the transaction that records them as
 * pending (step 8 of docs/issuance.md), so that they exist exactly when the issuance does. One
 * writer gets all of its issuances of a group-commit round at once, to write them in a few
 * statements; it may refuse by throwing, and then the round is tried again one issuance at a time,
 * so that only the refused one fails.
 *
 * @param <T> what the writer needs of each issuance besides its certificate row
 */
@FunctionalInterface
public interface PendingRows<T> {
  /** One issuance of the round: its pending certificate row and the writer's item. */
  record Entry<T>(CertificateRow row, T item) {}

  /** Writes the rows of {@code entries}, in their order, in the round's transaction. */
  void write(Transaction transaction, List<Entry<T>> entries);

  /**
   * The round's transaction as a writer sees it: the store gives each feature a view of its own
   * writes (a contract writer asks for the contract writes), all in this one transaction.
   */
  interface Transaction {
    /** The writes of type {@code view} in this transaction; the store knows which it offers. */
    <V> V view(Class<V> view);
  }
}
