package dev.pncpki.ca.testing;

import dev.pncpki.runtime.postgres.LoopbackPort;
import java.util.HashSet;
import java.util.Set;

/**
 * A TCP port on 127.0.0.1 that a test server can bind a moment later.
 *
 * <p>{@code new ServerSocket(0)} hands out a port from the kernel's ephemeral range, the same range
 * the kernel takes the local port of every outgoing connection from (to PostgreSQL, OpenBao, the
 * CA); between closing that socket and the server binding the port, one of those connections can
 * take it ("Failed to bind"). A port below the ephemeral range is never given to an outgoing
 * connection, so it stays free unless another server binds it; ports already handed out in this JVM
 * are not handed out again.
 */
public final class FreePorts {
  private static final Set<Integer> HANDED_OUT = new HashSet<>();

  private FreePorts() {}

  /** A port no listener holds now, outside the kernel's ephemeral range where it has one. */
  public static synchronized int next() {
    for (int attempt = 0; attempt < 50; attempt++) {
      int port = LoopbackPort.free();
      if (HANDED_OUT.add(port)) {
        return port;
      }
    }
    throw new IllegalStateException("no free port below the ephemeral range");
  }

  /** A port nothing listens on, for tests of an unreachable peer. */
  public static int closed() {
    return next();
  }
}
