package dev.pncpki.bridge.bench;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.Deflater;

/**
 * The bytes of one connection's OCPP messages, as text and as RFC 7692 permessage-deflate would
 * carry them: each message compressed with raw DEFLATE and a sync flush, the trailing 0x00 0x00
 * 0xff 0xff removed (section 7.2.1), with the sliding window kept from message to message (context
 * takeover, the default both sides agree to), one compressor per direction. WebSocket frame headers
 * are left out of both counts.
 */
final class WireBytes {
  private final Deflater out = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
  private final Deflater in = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
  private final AtomicLong plain = new AtomicLong();
  private final AtomicLong deflated = new AtomicLong();
  private final byte[] buffer = new byte[64 * 1024];

  /** A message the station sent. */
  void sent(String text) {
    count(out, text);
  }

  /** A message the station received. */
  void received(String text) {
    count(in, text);
  }

  long plain() {
    return plain.get();
  }

  long deflated() {
    return deflated.get();
  }

  private synchronized void count(Deflater deflater, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    plain.addAndGet(bytes.length);
    deflater.setInput(bytes);
    long n = 0;
    int got;
    do {
      got = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
      n += got;
    } while (got == buffer.length);
    deflated.addAndGet(n - 4); // the flush's empty stored block, which the receiver adds back
  }
}
