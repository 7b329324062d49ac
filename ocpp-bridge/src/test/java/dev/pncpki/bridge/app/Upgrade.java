package dev.pncpki.bridge.app;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * One WebSocket upgrade request (RFC 6455 section 4.1) to the bridge's OCPP endpoint, sent from a
 * chosen loopback address as a station or a guesser would send it, and the status line and
 * Retry-After it gets. Only the handshake: a 101 is closed at once.
 */
record Upgrade(String from, int port, String path, String user, String password) {

  /** What the bridge answered. */
  record Answer(int status, Optional<String> retryAfter, long nanos) {}

  Answer send() throws IOException {
    long start = System.nanoTime();
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 5000);
      socket.setSoTimeout(30_000);
      String basic =
          Base64.getEncoder()
              .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
      String request =
          "GET "
              + path
              + " HTTP/1.1\r\nHost: 127.0.0.1:"
              + port
              + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
              + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
              + "Sec-WebSocket-Protocol: ocpp2.0.1\r\nAuthorization: Basic "
              + basic
              + "\r\n\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      String head = head(socket.getInputStream());
      long nanos = System.nanoTime() - start;
      int status = Integer.parseInt(head.substring(9, 12));
      Optional<String> retryAfter =
          head.lines()
              .filter(l -> l.regionMatches(true, 0, "Retry-After:", 0, 12))
              .map(l -> l.substring(12).strip())
              .findFirst();
      return new Answer(status, retryAfter, nanos);
    }
  }

  private static String head(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    int c;
    while ((c = in.read()) != -1) {
      head.append((char) c);
      if (head.length() >= 4 && head.substring(head.length() - 4).equals("\r\n\r\n")) {
        break;
      }
    }
    return head.toString();
  }
}
