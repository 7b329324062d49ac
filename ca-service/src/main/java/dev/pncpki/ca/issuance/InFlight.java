package dev.pncpki.ca.issuance;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntSupplier;

/**
 * The issuances this instance is working on: from just before its pending row is recorded until its
 * row is completed or failed (or the attempt gave up). Crash recovery resolves a pending row of
 * this instance only when it is not in here: then nothing will complete it (its completion failed
 * for want of a database, say). Rows of other instances it resolves only when their instance is
 * gone. {@code owner} is this instance's number, which its pending rows carry.
 */
public final class InFlight {
  private final Set<String> keys = ConcurrentHashMap.newKeySet();
  private final IntSupplier owner;

  public InFlight(IntSupplier owner) {
    this.owner = owner;
  }

  /** The number this instance's pending rows carry now. */
  public int owner() {
    return owner.getAsInt();
  }

  public boolean contains(String issuerId, String serial) {
    return keys.contains(key(issuerId, serial));
  }

  void begin(String issuerId, String serial) {
    keys.add(key(issuerId, serial));
  }

  void end(String issuerId, String serial) {
    keys.remove(key(issuerId, serial));
  }

  /** How many are in flight now. */
  public int size() {
    return keys.size();
  }

  private static String key(String issuerId, String serial) {
    return issuerId + "/" + serial;
  }
}
