package dev.pncpki.ca.store;

import dev.pncpki.ca.revocation.PublishedCrl;
import java.io.IOException;
import java.io.InputStream;
import org.jdbi.v3.core.Jdbi;

/**
 * A stored CRL read in slices of {@value #SLICE} bytes, one query each, so that serving a CRL of
 * tens of megabytes holds one slice in memory, not the CRL. A stored CRL never changes; one pruned
 * while it is read (the builder keeps the last {@value JdbiCrlStore#KEEP}) ends the stream with an
 * error, which the client sees as a short response.
 */
final class CrlSlices extends InputStream {
  static final int SLICE = 1 << 20;

  private final Jdbi jdbi;
  private final PublishedCrl crl;
  private byte[] slice = new byte[0];
  private int inSlice;
  private long read;

  CrlSlices(Jdbi jdbi, PublishedCrl crl) {
    this.jdbi = jdbi;
    this.crl = crl;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    if (inSlice == slice.length && !nextSlice()) {
      return -1;
    }
    int n = Math.min(length, slice.length - inSlice);
    System.arraycopy(slice, inSlice, buffer, offset, n);
    inSlice += n;
    return n;
  }

  private boolean nextSlice() throws IOException {
    long remaining = crl.length() - read;
    if (remaining <= 0) {
      return false;
    }
    int want = (int) Math.min(SLICE, remaining);
    byte[] next =
        jdbi.withHandle(
            h ->
                h.createQuery(
                        """
                        select substring(der from cast(:from as integer) for :length) from crl
                        where issuer_id = :ca and number = :number
                        """)
                    .bind("from", read + 1) // SQL positions count from 1
                    .bind("length", want)
                    .bind("ca", crl.caId())
                    .bind("number", crl.number().longValueExact())
                    .mapTo(byte[].class)
                    .findOne()
                    .orElse(null));
    if (next == null || next.length != want) {
      throw new IOException(crl + " is no longer stored (pruned while it was being read)");
    }
    slice = next;
    inSlice = 0;
    read += want;
    return true;
  }
}
