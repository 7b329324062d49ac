package dev.pncpki.ca.api;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Response;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Refuses request bodies over a limit, whether announced by Content-Length or streamed.
 *
 * <p>A body somewhat over the limit is read and discarded before the 413 goes out: answering while
 * the client is still writing makes the server close a connection with unread bytes, the kernel
 * then resets it, and the client may lose the answer (RFC 9112 section 9.6 asks servers to close in
 * stages for this reason). Bodies beyond {@link #DRAIN_BYTES} are not read at all.
 */
@Priority(Priorities.AUTHENTICATION - 100)
public final class BodyLimitFilter implements ContainerRequestFilter {
  /** The most this filter reads of a body it is about to refuse. */
  static final long DRAIN_BYTES = 1 << 20;

  private final int maxBytes;

  public BodyLimitFilter(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  public void filter(ContainerRequestContext request) {
    int announced = request.getLength();
    if (announced > maxBytes) {
      if (announced <= DRAIN_BYTES) {
        drain(request.getEntityStream());
      }
      throw tooLarge();
    }
    request.setEntityStream(new Limited(request.getEntityStream(), maxBytes));
  }

  /** Reads and discards up to {@link #DRAIN_BYTES} of what is left of a refused body. */
  static void drain(InputStream in) {
    byte[] buffer = new byte[8192];
    long read = 0;
    try {
      for (int n; read < DRAIN_BYTES && (n = in.read(buffer)) > 0; ) {
        read += n;
      }
    } catch (IOException ignored) {
      // the client went away; the refusal is answered (or not) all the same
    }
  }

  private WebApplicationException tooLarge() {
    return new WebApplicationException(
        "request bodies are limited to " + maxBytes + " bytes",
        Response.Status.REQUEST_ENTITY_TOO_LARGE);
  }

  private final class Limited extends FilterInputStream {
    private long left;

    Limited(InputStream in, long limit) {
      super(in);
      this.left = limit;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0 && --left < 0) {
        throw overflow();
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int off, int len) throws IOException {
      int n = super.read(buffer, off, len);
      if (n > 0 && (left -= n) < 0) {
        throw overflow();
      }
      return n;
    }

    /** A streamed body went over the limit: read on up to the drain cap, then refuse. */
    private WebApplicationException overflow() {
      drain(in);
      return tooLarge();
    }
  }
}
