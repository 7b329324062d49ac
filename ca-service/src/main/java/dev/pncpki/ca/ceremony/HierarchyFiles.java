package dev.pncpki.ca.ceremony;

import dev.pncpki.ca.pem.Pem;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMParser;

/**
 * The ceremony's output folder: one PEM per certificate ({@code <id>.pem}) and a manifest. Files
 * appear whole or not at all (written aside, then linked into place) and are never overwritten.
 */
final class HierarchyFiles {
  private final Path directory;

  HierarchyFiles(Path directory) {
    this.directory = directory;
  }

  Optional<X509CertificateHolder> read(String id) {
    Path file = directory.resolve(id + ".pem");
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try (var parser = new PEMParser(Files.newBufferedReader(file))) {
      Object o = parser.readObject();
      if (o instanceof X509CertificateHolder holder) {
        return Optional.of(holder);
      }
      throw new CeremonyException(file + " does not hold a certificate");
    } catch (IOException e) {
      throw new CeremonyException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  void writeNew(String id, X509CertificateHolder certificate) {
    Path file = directory.resolve(id + ".pem");
    try {
      writeAtomically(file, Pem.of(certificate).getBytes(StandardCharsets.US_ASCII), false);
    } catch (FileAlreadyExistsException e) {
      throw new CeremonyException(file + " appeared during the ceremony; it is never overwritten");
    } catch (IOException e) {
      throw new CeremonyException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** Where the PKCS#10 request of external Sub-CA {@code id} is written. */
  Path requestFile(String id) {
    return directory.resolve(id + ".csr");
  }

  /**
   * Writes the request of external Sub-CA {@code id} made by {@code make}, unless the folder holds
   * one already (the one a root operator may be signing); true if it was written now.
   */
  boolean writeRequestOnce(
      String id,
      org.bouncycastle.asn1.x509.SubjectPublicKeyInfo key,
      java.util.function.Supplier<org.bouncycastle.pkcs.PKCS10CertificationRequest> make) {
    Path file = requestFile(id);
    if (Files.exists(file)) {
      try (var parser = new PEMParser(Files.newBufferedReader(file))) {
        if (!(parser.readObject() instanceof org.bouncycastle.pkcs.PKCS10CertificationRequest kept)
            || !kept.getSubjectPublicKeyInfo().equals(key)) {
          throw new CeremonyException(
              file
                  + " is not a request for the current key of "
                  + id
                  + " (the key backend changed?); remove it to write a new one, and tell the root"
                  + " operator to sign that one instead");
        }
      } catch (IOException e) {
        throw new CeremonyException("cannot read " + file + ": " + e.getMessage(), e);
      }
      return false;
    }
    try {
      var csr = make.get();
      String pem =
          "-----BEGIN CERTIFICATE REQUEST-----\n"
              + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                  .encodeToString(csr.getEncoded())
              + "\n-----END CERTIFICATE REQUEST-----\n";
      Files.createDirectories(directory);
      writeAtomically(file, pem.getBytes(StandardCharsets.US_ASCII), false);
      return true;
    } catch (IOException e) {
      throw new CeremonyException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** Rewrites the manifest only when its content changes, so a re-run leaves the folder as is. */
  void writeManifest(byte[] content) {
    Path file = directory.resolve("hierarchy.json");
    try {
      if (Files.exists(file) && Arrays.equals(Files.readAllBytes(file), content)) {
        return;
      }
      writeAtomically(file, content, true);
    } catch (IOException e) {
      throw new CeremonyException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private void writeAtomically(Path file, byte[] content, boolean replace) throws IOException {
    Files.createDirectories(directory);
    Path tmp = Files.createTempFile(directory, ".partial-", ".tmp");
    try {
      Files.write(tmp, content);
      if (replace) {
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      } else {
        Files.createLink(file, tmp);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  static X509CertificateHolder parse(String pem) throws IOException {
    try (var parser = new PEMParser(new StringReader(pem))) {
      return (X509CertificateHolder) parser.readObject();
    }
  }
}
