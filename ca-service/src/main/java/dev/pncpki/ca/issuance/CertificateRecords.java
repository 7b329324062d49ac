package dev.pncpki.ca.issuance;

import dev.pncpki.ca.audit.AuditEvent;
import dev.pncpki.ca.auth.Caller;
import dev.pncpki.ca.refusal.Refusal;
import dev.pncpki.ca.refusal.RefusedException;
import dev.pncpki.ca.revocation.RevocationReason;
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

/** Looking certificates up and revoking them. Reads are open to admins; revocation is audited. */
public final class CertificateRecords {
  private static final Pattern HEX = Pattern.compile("(0x)?[0-9a-fA-F:]{1,64}");

  private final CertificateStore store;
  private final Hierarchy hierarchy;
  private final Clock clock;
  private final List<RevocationListener> listeners;
  private final String instance;

  public CertificateRecords(
      CertificateStore store,
      Hierarchy hierarchy,
      Clock clock,
      List<RevocationListener> listeners) {
    this.store = store;
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
      Caller caller,
      Optional<String> cn,
      Optional<CertificateState> state,
      Optional<Instant> expiringBefore,
      int limit) {
    Authorization.checkAdmin(caller, "search certificates");
    int bounded = Math.max(1, Math.min(limit, 1000));
    return store.search(new CertificateStore.Search(cn, state, expiringBefore, bounded)).stream()
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
    if (!store.revoke(revocation(caller, row.issuerId(), row.serial(), reason))) {
      throw new RefusedException(
          Refusal.ALREADY_REVOKED,
          "certificate " + row.issuerId() + "/" + row.serial() + " is revoked already");
    }
    revoked(row.issuerId(), row.serial());
    return view(find(row.serial(), Optional.of(row.issuerId())));
  }

  /**
   * The revocation of one certificate by {@code caller} now, with its audit event, for {@link
   * CertificateStore#revoke} or a store that revokes inside a transaction of its own. After it
   * committed, call {@link #revoked} so that this instance's OCSP answers and CRL follow at once.
   */
  public CertificateStore.Revocation revocation(
      Caller caller, String issuerId, String serial, RevocationReason reason) {
    String target = issuerId + "/" + serial;
    return new CertificateStore.Revocation(
        issuerId,
        serial,
        clock.instant().truncatedTo(ChronoUnit.SECONDS),
        reason,
        new AuditEvent(
            clock.instant().truncatedTo(ChronoUnit.MICROS),
            caller.name(),
            "revoke",
            target,
            "revoked",
            reason.rfcName()),
        instance);
  }

  /** Tells this instance's revocation listeners (OCSP cache, CRL) about a committed revocation. */
  public void revoked(String issuerId, String serial) {
    listeners.forEach(l -> l.revoked(issuerId, new BigInteger(serial, 16)));
  }

  private CertificateRow find(String serial, Optional<String> issuerId) {
    String hex = normaliseSerial(serial);
    List<CertificateRow> rows =
        issuerId.isPresent()
            ? store.find(issuerId.get(), hex).stream().toList()
            : store.findBySerial(hex);
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
