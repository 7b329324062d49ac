package dev.pncpki.bridge.standalone;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

/**
 * The transactionId of OCPP 1.6 StartTransaction.conf (section 4.8: supplied by the Central
 * System), kept in 31 bits because stations commonly store it as a signed 32-bit integer. The
 * bridge records no transactions, so the ids come from a counter that starts at a random point: one
 * instance never repeats an id within 2^31 transactions, and another instance, or the same one
 * after a restart, starts elsewhere, so two runs' ranges overlap only with a chance of about (ids
 * they hand out) / 2^31. Ids drawn independently at random would already collide within one run
 * after some tens of thousands of transactions (birthday bound); ids derived from the clock would
 * be the same on two instances that start a transaction in the same second.
 */
final class TransactionIds {
  private final AtomicInteger last;

  TransactionIds(RandomGenerator random) {
    this.last = new AtomicInteger(random.nextInt(1, Integer.MAX_VALUE));
  }

  static TransactionIds random() {
    return new TransactionIds(new SecureRandom());
  }

  /** The next id, from 1 to {@link Integer#MAX_VALUE}: after the largest, 1 again. */
  int next() {
    return last.updateAndGet(id -> id == Integer.MAX_VALUE ? 1 : id + 1);
  }
}
