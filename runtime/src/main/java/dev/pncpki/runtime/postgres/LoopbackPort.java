package dev.pncpki.runtime.postgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A loopback port for a server to listen on, taken below the kernel's ephemeral range where it has
 * one: a port from {@code new ServerSocket(0)} is an ephemeral one, which an outgoing connection of
 * any process may take between the probe and the server's bind, and the server then fails to start.
 * Below that range only another listener can take it.
 */
public final class LoopbackPort {
  private static final int LOWEST = 20_000;

  private LoopbackPort() {}

  /** A port no listener holds now, outside the ephemeral range if the kernel says where it is. */
  public static int free() {
    int below = ephemeralLow();
    if (below - LOWEST >= 1_000) {
      for (int attempt = 0; attempt < 200; attempt++) {
        int port = ThreadLocalRandom.current().nextInt(LOWEST, below);
        if (bindable(port)) {
          return port;
        }
      }
    }
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static boolean bindable(int port) {
    try (var socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The first port of the ephemeral range (Linux), or the IANA dynamic range's start elsewhere. */
  static int ephemeralLow() {
    try {
      String range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).strip();
      return Integer.parseInt(range.split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return 49_152;
    }
  }
}
