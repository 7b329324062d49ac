package dev.pncpki.ca.issuance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pncpki.ca.store.AuthorityDao;
import dev.pncpki.ca.store.HierarchyDao;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMParser;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the ceremony's output (hierarchy.json and the PEM files) into the database: each
 * certificate is a row of the authority table (its key and the URL base of its children) and a row
 * of the certificate table like any issued certificate (docs/adr/012), so that OCSP, CRLs and
 * revocation treat it alike. Idempotent; an id already imported with a different certificate stops
 * the service, because silently preferring either one would be wrong, and so does a new certificate
 * under a revoked CA.
 */
public final class HierarchyImport {
  private static final Logger LOG = LoggerFactory.getLogger(HierarchyImport.class);

  private HierarchyImport() {}

  /** The hierarchy in the folder cannot be taken in; the message says why, in one line. */
  public static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message);
    }

    Refused(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Returns how many authorities were new. */
  public static int run(Path directory, Jdbi jdbi, Clock clock) {
    int imported = 0;
    Set<String> waiting = new HashSet<>();
    for (AuthorityRow row : rows(directory)) {
      if (row.issuerId() != null && waiting.contains(row.issuerId())) {
        waiting.add(row.id());
        continue;
      }
      if (row.keyRef() == null && row.issuerId() == null && !pooled(jdbi, row)) {
        // an external root operator's root: its chain is used once an admin has pooled the root
        LOG.warn(
            "external root {} ({}) is not in the root certificate pool: the Sub-CAs under it"
                + " are not used until it is added (bin/pnc-ca admin root-add) and the CA starts"
                + " again",
            row.id(),
            subjectOf(row));
        waiting.add(row.id());
        continue;
      }
      imported +=
          jdbi.inTransaction(h -> importOne(h.attach(AuthorityDao.class), h, row, directory));
    }
    certificateRows(jdbi, clock);
    return imported;
  }

  private static boolean pooled(Jdbi jdbi, AuthorityRow root) {
    String sha256;
    try {
      sha256 =
          HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(root.certificate()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    return jdbi.withHandle(
        h ->
            h.createQuery("select count(*) from root_certificate where sha256 = :sha256")
                    .bind("sha256", sha256)
                    .mapTo(Integer.class)
                    .one()
                > 0);
  }

  private static String subjectOf(AuthorityRow row) {
    try {
      return new X509CertificateHolder(row.certificate()).getSubject().toString();
    } catch (IOException e) {
      return "unreadable";
    }
  }

  /** The folder's certificates as authority rows, issuers before what they issued. */
  public static List<AuthorityRow> rows(Path directory) {
    JsonNode manifest;
    try {
      manifest = new ObjectMapper().readTree(directory.resolve("hierarchy.json").toFile());
    } catch (IOException e) {
      throw new Refused(
          "cannot read " + directory.resolve("hierarchy.json") + ": " + e.getMessage(), e);
    }
    String baseUrl = manifest.path("baseUrl").asText();
    List<AuthorityRow> rows = new ArrayList<>();
    for (JsonNode entry : manifest.path("certificates")) {
      rows.add(row(directory, entry, baseUrl));
    }
    return issuersFirst(rows);
  }

  private static int importOne(
      AuthorityDao dao, org.jdbi.v3.core.Handle h, AuthorityRow row, Path directory) {
    if (dao.find(row.id()).isEmpty() && row.issuerId() != null) {
      h.attach(HierarchyDao.class)
          .revokedAtOrAbove(row.issuerId())
          .ifPresent(
              revoked -> {
                throw new Refused(
                    "authority "
                        + row.id()
                        + " in "
                        + directory
                        + " is issued under "
                        + revoked
                        + ", which is revoked; a new CA goes under a live one (docs/operations.md)");
              });
    }
    int n = dao.insertIfAbsent(row);
    var stored = dao.find(row.id()).orElseThrow();
    if (!Arrays.equals(stored.certificate(), row.certificate())) {
      throw new Refused(
          "authority " + row.id() + " in the database differs from " + directory + "; refusing");
    }
    return n;
  }

  /**
   * Every authority in the database has its certificate row, also those imported before the rows
   * existed (a database migrated before V5).
   */
  private static void certificateRows(Jdbi jdbi, Clock clock) {
    jdbi.useTransaction(
        h -> {
          var rows = h.attach(HierarchyDao.class);
          for (AuthorityRow a : h.attach(AuthorityDao.class).all()) {
            if (a.keyRef() == null) {
              continue; // an external operator's certificate: not one of this CA's
            }
            rows.insertIfAbsent(certificateRow(a, clock));
            if (rows.rowsOf(a.id()) != 1) {
              throw new Refused(
                  "authority "
                      + a.id()
                      + ": serial "
                      + a.serial()
                      + " of "
                      + (a.issuerId() == null ? a.id() : a.issuerId())
                      + " is taken by another certificate");
            }
          }
        });
  }

  static AuthorityCertificateRow certificateRow(AuthorityRow a, Clock clock) {
    try {
      var certificate = new X509CertificateHolder(a.certificate());
      var cns = certificate.getSubject().getRDNs(BCStyle.CN);
      return new AuthorityCertificateRow(
          a.id(),
          a.issuerId() == null ? a.id() : a.issuerId(),
          a.serial(),
          a.profile(),
          cns.length == 0 ? "" : cns[0].getFirst().getValue().toString(),
          MessageDigest.getInstance("SHA-256").digest(a.certificate()),
          clock.instant(),
          certificate.getNotBefore().toInstant(),
          a.notAfter(),
          a.certificate());
    } catch (IOException | NoSuchAlgorithmException e) {
      throw new Refused("authority " + a.id() + " has an unreadable certificate", e);
    }
  }

  /** Issuers before what they issued, whatever order the manifest lists them in. */
  static List<AuthorityRow> issuersFirst(List<AuthorityRow> rows) {
    Set<String> listed = new HashSet<>();
    rows.forEach(r -> listed.add(r.id()));
    List<AuthorityRow> ordered = new ArrayList<>();
    Set<String> placed = new HashSet<>();
    List<AuthorityRow> left = new ArrayList<>(rows);
    while (!left.isEmpty()) {
      int before = left.size();
      for (var it = left.iterator(); it.hasNext(); ) {
        AuthorityRow r = it.next();
        if (r.issuerId() == null
            || placed.contains(r.issuerId())
            || !listed.contains(r.issuerId())) {
          ordered.add(r);
          placed.add(r.id());
          it.remove();
        }
      }
      if (left.size() == before) {
        throw new Refused("the hierarchy's issuers form a cycle: " + left.get(0).id());
      }
    }
    return ordered;
  }

  private static AuthorityRow row(Path directory, JsonNode entry, String baseUrl) {
    String id = entry.path("id").asText();
    try (var parser =
        new PEMParser(
            new StringReader(
                Files.readString(directory.resolve(entry.path("certificate").asText()))))) {
      if (!(parser.readObject() instanceof X509CertificateHolder certificate)) {
        throw new Refused("the file of authority " + id + " holds no certificate");
      }
      return new AuthorityRow(
          id,
          entry.path("profile").asText(),
          entry.path("issuer").isNull() ? null : entry.path("issuer").asText(),
          entry.path("key").isTextual() ? entry.path("key").asText() : null,
          certificate.getSerialNumber().toString(16),
          certificate.getEncoded(),
          certificate.getNotAfter().toInstant(),
          baseUrl);
    } catch (IOException e) {
      throw new Refused(
          "cannot read the certificate of authority " + id + ": " + e.getMessage(), e);
    }
  }
}
