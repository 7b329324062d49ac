package dev.pncpki.ca.revocation;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;

/**
 * The revokedCertificates of one CRL (RFC 5280 5.1.2.6), DER-encoded one entry at a time into a
 * temporary file while the database streams them, so that neither the rows nor the encoded list are
 * ever held in memory; the file's length is the list's length, which the TBSCertList header needs
 * before the first entry is hashed.
 */
public final class CrlEntries implements AutoCloseable {
  /** crlEntryExtensions with a non-critical reasonCode (RFC 5280 5.3.1), one per reason. */
  private static final Map<RevocationReason, byte[]> REASON_EXTENSIONS = reasonExtensions();

  private final Path file;
  private final OutputStream out;
  private long length;
  private long count;
  private boolean closedForWriting;

  private CrlEntries(Path file) throws IOException {
    this.file = file;
    this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
  }

  /** A new, empty list in a temporary file, deleted by {@link #close()}. */
  public static CrlEntries create() {
    Path file;
    try {
      file = Files.createTempFile("pnc-crl-", ".der");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary file for a CRL", e);
    }
    // no deleteOnExit: its JVM-wide list of paths would grow by one with every CRL built
    try {
      return new CrlEntries(file);
    } catch (IOException e) {
      deleteQuietly(file, e);
      throw new UncheckedIOException("cannot write the temporary file " + file, e);
    } catch (RuntimeException e) {
      deleteQuietly(file, e);
      throw e;
    }
  }

  private static void deleteQuietly(Path file, Exception cause) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      cause.addSuppressed(e);
    }
  }

  /**
   * Appends SEQUENCE { userCertificate, revocationDate, crlEntryExtensions }; the reasonCode is
   * left out for unspecified, as RFC 5280 5.3.1 advises.
   */
  public void add(RevokedEntry entry) {
    if (closedForWriting) {
      throw new IllegalStateException("entries already written out");
    }
    byte[] serial = Der.integer(entry.serial());
    byte[] date = Der.time(entry.revokedAt());
    byte[] extensions = REASON_EXTENSIONS.get(entry.reason());
    int content = serial.length + date.length + (extensions == null ? 0 : extensions.length);
    byte[] header = Der.header(Der.SEQUENCE, content);
    try {
      out.write(header);
      out.write(serial);
      out.write(date);
      if (extensions != null) {
        out.write(extensions);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write CRL entries to " + file, e);
    }
    length += header.length + content;
    count++;
  }

  public long count() {
    return count;
  }

  /** Bytes of all entries together, without the enclosing SEQUENCE's tag and length. */
  long length() {
    return length;
  }

  /** The entries as written; no more can be added. */
  InputStream read() throws IOException {
    if (!closedForWriting) {
      out.close();
      closedForWriting = true;
    }
    return Files.newInputStream(file);
  }

  /** Deletes the file, also when closing the stream fails. */
  @Override
  public void close() {
    IOException failure = null;
    if (!closedForWriting) {
      closedForWriting = true;
      try {
        out.close();
      } catch (IOException e) {
        failure = e;
      }
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      if (failure == null) {
        failure = e;
      } else {
        failure.addSuppressed(e);
      }
    }
    if (failure != null) {
      throw new UncheckedIOException("cannot close or remove " + file, failure);
    }
  }

  private static Map<RevocationReason, byte[]> reasonExtensions() {
    Map<RevocationReason, byte[]> map = new EnumMap<>(RevocationReason.class);
    for (RevocationReason reason : RevocationReason.values()) {
      if (reason == RevocationReason.UNSPECIFIED) {
        continue;
      }
      try {
        var value = new DEROctetString(CRLReason.lookup(reason.code()));
        map.put(
            reason,
            new Extensions(new Extension(Extension.reasonCode, false, value))
                .getEncoded(ASN1Encoding.DER));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return map;
  }
}
