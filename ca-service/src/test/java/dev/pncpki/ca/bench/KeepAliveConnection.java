package dev.pncpki.ca.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP/1.1 keep-alive connection on loopback that sends a fixed, pre-encoded POST again and
 * again and reads each answer fully (Content-Length or chunked). Far cheaper per request than a
 * general client, so that on shared cores the load generator leaves the CPU to the service.
 */
final class KeepAliveConnection implements AutoCloseable {
  private final int port;
  private final byte[] request;
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  /** An answer: HTTP status and body. */
  @SuppressWarnings("ArrayRecordComponent") // compared by content where it matters
  record Answer(int status, byte[] body) {}

  KeepAliveConnection(int port, String path, String contentType, byte[] body) {
    this(port, path, "", contentType, body);
  }

  /** With extra header lines, each ending in CRLF (for example an Authorization header). */
  KeepAliveConnection(int port, String path, String headers, String contentType, byte[] body) {
    this.port = port;
    String head =
        "POST "
            + path
            + " HTTP/1.1\r\nHost: 127.0.0.1:"
            + port
            + "\r\n"
            + headers
            + "Content-Type: "
            + contentType
            + "\r\nContent-Length: "
            + body.length
            + "\r\n\r\n";
    byte[] h = head.getBytes(StandardCharsets.US_ASCII);
    request = new byte[h.length + body.length];
    System.arraycopy(h, 0, request, 0, h.length);
    System.arraycopy(body, 0, request, h.length, body.length);
  }

  /** Sends the request once; on any I/O error the connection is dropped and reopened next time. */
  Answer send() throws IOException {
    if (socket == null) {
      socket = new Socket(InetAddress.getLoopbackAddress(), port);
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(30_000);
      in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
      out = socket.getOutputStream();
    }
    try {
      out.write(request);
      out.flush();
      return read();
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  private Answer read() throws IOException {
    String status = line();
    if (!status.startsWith("HTTP/1.1 ") || status.length() < 12) {
      throw new IOException("not an HTTP/1.1 answer: " + status);
    }
    int code = Integer.parseInt(status.substring(9, 12));
    int length = -1;
    boolean chunked = false;
    boolean closing = false;
    for (String header = line(); !header.isEmpty(); header = line()) {
      String h = header.toLowerCase(Locale.ROOT);
      if (h.startsWith("content-length:")) {
        length = Integer.parseInt(h.substring(15).trim());
      } else if (h.startsWith("transfer-encoding:") && h.contains("chunked")) {
        chunked = true;
      } else if (h.startsWith("connection:") && h.contains("close")) {
        closing = true;
      }
    }
    byte[] body;
    if (chunked) {
      var all = new ByteArrayOutputStream();
      for (int size = chunkSize(); size > 0; size = chunkSize()) {
        all.write(in.readNBytes(size));
        line();
      }
      while (!line().isEmpty()) {
        // trailers, if any
      }
      body = all.toByteArray();
    } else if (length >= 0) {
      body = in.readNBytes(length);
      if (body.length != length) {
        throw new EOFException("answer cut short");
      }
    } else {
      throw new IOException("answer without length; this client needs keep-alive");
    }
    if (closing) {
      close();
    }
    return new Answer(code, body);
  }

  /** A chunk-size line: hex digits, perhaps followed by ";extensions". */
  private int chunkSize() throws IOException {
    String line = line();
    int end = line.indexOf(';');
    return Integer.parseInt((end < 0 ? line : line.substring(0, end)).trim(), 16);
  }

  private String line() throws IOException {
    var line = new StringBuilder();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new EOFException("connection closed by the server");
      }
      if (b != '\r') {
        line.append((char) b);
      }
    }
    return line.toString();
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing anyway
      }
      socket = null;
    }
  }
}
