package dev.pncpki.ca.issuance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pncpki.ca.store.AuthorityDao;
import dev.pncpki.ca.store.AuthorityRow;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMParser;
import org.jdbi.v3.core.Jdbi;

/**
 * Copies the ceremony's output (hierarchy.json and the PEM files) into the authority table.
 * Idempotent; an id already imported with a different certificate stops the service, because
 * silently preferring either one would be wrong.
 */
public final class HierarchyImport {
  private HierarchyImport() {}

  public static int run(Path directory, Jdbi jdbi) {
    JsonNode manifest;
    try {
      manifest = new ObjectMapper().readTree(directory.resolve("hierarchy.json").toFile());
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot read " + directory.resolve("hierarchy.json") + ": " + e.getMessage(), e);
    }
    String baseUrl = manifest.path("baseUrl").asText();
    int imported = 0;
    for (JsonNode entry : manifest.path("certificates")) {
      AuthorityRow row = row(directory, entry, baseUrl);
      imported +=
          jdbi.inTransaction(
              h -> {
                var dao = h.attach(AuthorityDao.class);
                int n = dao.insertIfAbsent(row);
                var stored = dao.find(row.id()).orElseThrow();
                if (!Arrays.equals(stored.certificate(), row.certificate())) {
                  throw new IllegalStateException(
                      "authority "
                          + row.id()
                          + " in the database differs from "
                          + directory
                          + "; refusing to start");
                }
                return n;
              });
    }
    return imported;
  }

  private static AuthorityRow row(Path directory, JsonNode entry, String baseUrl) {
    String id = entry.path("id").asText();
    try (var parser =
        new PEMParser(
            new StringReader(
                Files.readString(directory.resolve(entry.path("certificate").asText()))))) {
      var certificate = (X509CertificateHolder) parser.readObject();
      return new AuthorityRow(
          id,
          entry.path("profile").asText(),
          entry.path("issuer").isNull() ? null : entry.path("issuer").asText(),
          entry.path("key").asText(),
          certificate.getSerialNumber().toString(16),
          certificate.getEncoded(),
          certificate.getNotAfter().toInstant(),
          baseUrl);
    } catch (IOException | ClassCastException e) {
      throw new IllegalStateException(
          "cannot read the certificate of authority " + id + ": " + e.getMessage(), e);
    }
  }
}
