package dev.pncpki.contract.exi;

import java.lang.management.ManagementFactory;

/**
 * Bytes the current thread allocates, from the JVM's own count (HotSpot's {@code
 * com.sun.management.ThreadMXBean}): what a decode costs in heap, garbage included.
 */
public final class Allocation {
  private static final com.sun.management.ThreadMXBean THREADS =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

  private Allocation() {}

  /** A running total for this thread; differences between two calls are what happened between. */
  public static long now() {
    return THREADS.getThreadAllocatedBytes(Thread.currentThread().threadId());
  }

  /** Bytes {@code action} allocates on this thread. */
  public static long of(Runnable action) {
    long before = now();
    action.run();
    return now() - before;
  }
}
