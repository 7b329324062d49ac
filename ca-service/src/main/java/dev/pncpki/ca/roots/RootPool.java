package dev.pncpki.ca.roots;

import dev.pncpki.ca.audit.AuditEvent;
import dev.pncpki.ca.auth.Caller;
import dev.pncpki.ca.pem.CertificateInput;
import dev.pncpki.ca.refusal.Refusal;
import dev.pncpki.ca.refusal.RefusedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * The root certificate pool: the roots that stations' trust stores and the checks of other
 * operators' contracts are to follow, shared as data (docs/roots.md). Anyone authenticated reads
 * it; only an admin changes it, and adding a root needs its SHA-256 fingerprint as confirmed out of
 * band with the root's operator. Only a self-signed CA certificate, valid now, is a root ({@link
 * RootCheck}).
 */
public final class RootPool {
  /** A root offered to the pool: its certificate (base64 DER or PEM) and confirmed fingerprint. */
  public record Addition(RootType type, String certificate, String sha256Fingerprint) {}

  private static final int MAX_CERTIFICATE_CHARS = 16_384;
  private static final java.util.regex.Pattern UUID_TEXT =
      java.util.regex.Pattern.compile("[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}");

  private final RootPoolStore store;
  private final Clock clock;

  public RootPool(RootPoolStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  public PooledRoot add(Caller caller, Addition addition) {
    requireAdmin(caller, "add roots to the pool");
    if (addition.sha256Fingerprint() == null || addition.sha256Fingerprint().isBlank()) {
      throw new RefusedException(
          Refusal.MALFORMED_REQUEST,
          "fingerprint is missing: confirm the root's SHA-256 fingerprint with its operator"
              + " out of band and give it");
    }
    String confirmed =
        CertificateInput.sha256Fingerprint("fingerprint", addition.sha256Fingerprint());
    if (addition.certificate() != null && addition.certificate().length() > MAX_CERTIFICATE_CHARS) {
      throw new RefusedException(
          Refusal.MALFORMED_REQUEST,
          "caCertificate has "
              + addition.certificate().length()
              + " characters, at most "
              + MAX_CERTIFICATE_CHARS);
    }
    X509CertificateHolder certificate =
        CertificateInput.decode("caCertificate", addition.certificate());
    String actual = CertificateInput.fingerprint(CertificateInput.der(certificate));
    if (!actual.equals(confirmed)) {
      throw new RefusedException(
          Refusal.FINGERPRINT_MISMATCH,
          "the certificate's SHA-256 fingerprint is "
              + actual
              + ", not the confirmed "
              + confirmed
              + ": check the file and the fingerprint with the root's operator");
    }
    Instant now = clock.instant();
    RootCheck.check(certificate, addition.type(), now);
    var root =
        new PooledRoot(
            UUID.randomUUID(),
            addition.type(),
            certificate,
            actual,
            caller.name(),
            now.truncatedTo(ChronoUnit.MICROS));
    if (!store.add(
        root,
        event(
            caller,
            "root-add",
            root.id().toString(),
            root.type().wire() + " " + certificate.getSubject() + " sha256=" + actual))) {
      throw new RefusedException(
          Refusal.ROOT_ALREADY_POOLED, "the root with SHA-256 " + actual + " is pooled already");
    }
    return root;
  }

  /** The pooled roots, or those of one type; to any authenticated caller. */
  public List<PooledRoot> list(Optional<RootType> type) {
    return store.all().stream().filter(r -> type.map(t -> r.type() == t).orElse(true)).toList();
  }

  public PooledRoot get(String id) {
    UUID parsed = id(id);
    return store
        .find(parsed)
        .orElseThrow(() -> new RefusedException(Refusal.NOT_FOUND, "no pooled root " + parsed));
  }

  public void remove(Caller caller, String id) {
    requireAdmin(caller, "remove roots from the pool");
    PooledRoot root = get(id);
    if (!store.remove(
        root.id(),
        event(
            caller,
            "root-remove",
            root.id().toString(),
            root.type().wire()
                + " "
                + root.certificate().getSubject()
                + " sha256="
                + root.sha256()))) {
      throw new RefusedException(Refusal.NOT_FOUND, "no pooled root " + root.id());
    }
  }

  /** Pooled roots that expire within {@code window} from now, or have expired; soonest first. */
  public List<PooledRoot> expiring(Duration window) {
    Instant limit = clock.instant().plus(window);
    return store.all().stream()
        .filter(r -> r.notAfter().isBefore(limit))
        .sorted(java.util.Comparator.comparing(PooledRoot::notAfter))
        .toList();
  }

  private static UUID id(String id) {
    // OPCP's pattern; UUID.fromString alone would also take "1-2-3-4-5"
    if (id == null || !UUID_TEXT.matcher(id).matches()) {
      throw new RefusedException(
          Refusal.MALFORMED_REQUEST, "rootCertificateId \"" + id + "\" is not a UUID");
    }
    return UUID.fromString(id);
  }

  private static void requireAdmin(Caller caller, String what) {
    if (!caller.isAdmin()) {
      throw new RefusedException(Refusal.FORBIDDEN, caller.name() + " may not " + what);
    }
  }

  private AuditEvent event(Caller caller, String action, String target, String detail) {
    return AuditEvent.done(clock, caller.name(), action, target, detail);
  }
}
