package dev.pncpki.contract.exi;

import java.io.InputStream;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The bytes of one EXI message as the decoder pulls them: it knows how many are left, so that a
 * length can be checked against them before anything is allocated for it, and it refuses to go on
 * once the decode's time budget is spent.
 */
final class BoundedInput extends InputStream {
  private final byte[] bytes;
  private final LongSupplier nanoTime;
  private final long deadline;
  private final Duration budget;
  private int position;

  /**
   * @param nanoTime a monotonic clock ({@code System::nanoTime}; tests pass their own)
   */
  BoundedInput(byte[] bytes, Duration budget, LongSupplier nanoTime) {
    this.bytes = bytes;
    this.nanoTime = nanoTime;
    this.budget = budget;
    this.deadline = nanoTime.getAsLong() + budget.toNanos();
  }

  /** Bytes not yet pulled (the decoder holds at most 7 unread bits of the last one it pulled). */
  int remaining() {
    return bytes.length - position;
  }

  void checkTime() throws ExiLimitException {
    if (nanoTime.getAsLong() - deadline > 0) {
      throw new ExiLimitException("decoding took longer than " + budget.toMillis() + " ms");
    }
  }

  @Override
  public int read() throws ExiLimitException {
    checkTime();
    return position < bytes.length ? bytes[position++] & 0xff : -1;
  }

  @Override
  public int read(byte[] into, int offset, int length) throws ExiLimitException {
    checkTime();
    if (length == 0) {
      return 0;
    }
    if (position == bytes.length) {
      return -1;
    }
    int n = Math.min(length, bytes.length - position);
    System.arraycopy(bytes, position, into, offset, n);
    position += n;
    return n;
  }

  @Override
  public int available() {
    return remaining();
  }
}
