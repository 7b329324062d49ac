package dev.pncpki.ca.issuance;

import dev.pncpki.ca.audit.AuditEvent;
import dev.pncpki.ca.audit.AuditLog;
import dev.pncpki.ca.auth.Caller;
import dev.pncpki.ca.refusal.Refusal;
import dev.pncpki.ca.refusal.RefusedException;
import dev.pncpki.ca.revocation.RevocationReason;
import dev.pncpki.ca.store.CertificateDao;
import dev.pncpki.ca.store.CertificateRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bouncycastle.cert.X509CertificateHolder;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Looking certificates up and revoking them. Reads are open to admins; revocation is audited. */
public final class CertificateRecords {
  private static final Pattern HEX = Pattern.compile("(0x)?[0-9a-fA-F:]{1,64}");

  private final Jdbi jdbi;
  private final Hierarchy hierarchy;
  private final Clock clock;
  private final List<RevocationListener> listeners;
  private final String instance;

  public CertificateRecords(
      Jdbi jdbi, Hierarchy hierarchy, Clock clock, List<RevocationListener> listeners) {
    this.jdbi = jdbi;
    this.hierarchy = hierarchy;
    this.clock = clock;
    this.listeners = List.copyOf(listeners);
    this.instance = java.util.UUID.randomUUID().toString();
  }

  /** Identifies this instance in revocation notifications, so it can skip its own. */
  public String instance() {
    return instance;
  }

  /** Serial numbers are hex; colons, a 0x prefix, case and leading zeros do not matter. */
  public static String normaliseSerial(String serial) {
    if (serial == null || !HEX.matcher(serial).matches()) {
      throw new RefusedException(
          Refusal.MALFORMED_REQUEST, "serial \"" + serial + "\" is not a hexadecimal number");
    }
    String hex = serial.toLowerCase(Locale.ROOT).replace(":", "").replaceFirst("^0x", "");
    return new BigInteger(hex, 16).toString(16);
  }

  public IssuedCertificate get(Caller caller, String serial, Optional<String> issuerId) {
    Authorization.checkAdmin(caller, "read certificates");
    return view(find(serial, issuerId));
  }

  public List<IssuedCertificate> search(
      Caller caller, String cn, String state, Instant expiringBefore, int limit) {
    Authorization.checkAdmin(caller, "search certificates");
    if (state != null && !List.of("valid", "revoked", "expired").contains(state)) {
      throw new RefusedException(
          Refusal.MALFORMED_REQUEST, "status must be valid, revoked or expired");
    }
    int bounded = Math.max(1, Math.min(limit, 1000));
    return jdbi
        .withExtension(CertificateDao.class, d -> d.search(cn, state, expiringBefore, bounded))
        .stream()
        .map(this::view)
        .toList();
  }

  public IssuedCertificate revoke(
      Caller caller, String serial, Optional<String> issuerId, RevocationReason reason) {
    Authorization.checkRevoke(caller, find(serial, issuerId), reason);
    return revokeChecked(caller, serial, issuerId, reason);
  }

  /**
   * Revokes for a caller whose right to do so was checked by the caller of this method: the
   * mobility operator that owns a contract revokes its certificate.
   */
  public IssuedCertificate revokeChecked(
      Caller caller, String serial, Optional<String> issuerId, RevocationReason reason) {
    CertificateRow row = find(serial, issuerId);
    hierarchy
        .byRow(row.issuerId(), row.serial())
        .filter(Hierarchy.Authority::isRoot)
        .ifPresent(
            root -> {
              throw AuthorityRevocation.rootNotRevocable(root.id());
            });
    boolean done =
        jdbi.inTransaction(h -> revokeIn(h, caller, row.issuerId(), row.serial(), reason));
    if (!done) {
      throw new RefusedException(
          Refusal.ALREADY_REVOKED,
          "certificate " + row.issuerId() + "/" + row.serial() + " is revoked already");
    }
    revoked(row.issuerId(), row.serial());
    return view(find(row.serial(), Optional.of(row.issuerId())));
  }

  /**
   * Revokes inside the caller's transaction, with its audit event and the NOTIFY that other
   * instances hear at commit; false if it was revoked already. After the commit, call {@link
   * #revoked} so that this instance's OCSP answers and CRL follow at once.
   */
  public boolean revokeIn(
      Handle h, Caller caller, String issuerId, String serial, RevocationReason reason) {
    Instant at = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    String target = issuerId + "/" + serial;
    int n = h.attach(CertificateDao.class).revoke(issuerId, serial, at, (short) reason.code());
    if (n == 0) {
      return false; // revoked already: the caller refuses, and RefusalAudit records the refusal
    }
    // delivered at commit to every instance listening (RevocationNotifications)
    h.execute("select pg_notify('pnc_revocation', ?)", instance + " " + target);
    AuditLog.append(
        h,
        new AuditEvent(
            clock.instant().truncatedTo(ChronoUnit.MICROS),
            caller.name(),
            "revoke",
            target,
            "revoked",
            reason.rfcName()));
    return true;
  }

  /** Tells this instance's revocation listeners (OCSP cache, CRL) about a committed revocation. */
  public void revoked(String issuerId, String serial) {
    listeners.forEach(l -> l.revoked(issuerId, new BigInteger(serial, 16)));
  }

  private CertificateRow find(String serial, Optional<String> issuerId) {
    String hex = normaliseSerial(serial);
    List<CertificateRow> rows =
        issuerId.isPresent()
            ? jdbi.withExtension(CertificateDao.class, d -> d.find(issuerId.get(), hex)).stream()
                .toList()
            : jdbi.withExtension(CertificateDao.class, d -> d.findBySerial(hex));
    List<CertificateRow> issued = rows.stream().filter(CertificateRow::issued).toList();
    if (issued.isEmpty()) {
      throw new RefusedException(
          Refusal.NOT_FOUND,
          "no certificate with serial " + hex + issuerId.map(i -> " from " + i).orElse(""));
    }
    if (issued.size() > 1) {
      throw new RefusedException(
          Refusal.MALFORMED_REQUEST,
          "serial " + hex + " exists under several CAs; name the issuer");
    }
    return issued.get(0);
  }

  private IssuedCertificate view(CertificateRow row) {
    try {
      return hierarchy.withChain(row, new X509CertificateHolder(row.certificate()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
