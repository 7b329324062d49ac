package dev.pncpki.ca.issuance;

import dev.pncpki.ca.audit.AuditEvent;
import dev.pncpki.ca.auth.Caller;
import dev.pncpki.ca.keys.KeyBackend;
import dev.pncpki.ca.keys.KeyBackendException;
import dev.pncpki.ca.refusal.Refusal;
import dev.pncpki.ca.refusal.RefusedException;
import dev.pncpki.policies.profile.CertificateProfile;
import dev.pncpki.policies.profile.ProfileViolationException;
import dev.pncpki.policies.profile.SubjectFields;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Issues certificates from CSRs in two phases: the issuance is recorded as pending (with its random
 * serial, unique per issuer by constraint, and this instance's number) before the key backend
 * signs, and completed after, so a crash never leaves a signed certificate the database does not
 * know. What a crash leaves pending, crash recovery fails (IssuanceState: pending moves once, to
 * issued or failed).
 */
public final class CertificateAuthority {
  private final IssuanceStore store;
  private final Hierarchy hierarchy;
  private final KeyBackend keys;
  private final Clock clock;
  private final SecureRandom random;
  private final InFlight inFlight;
  private volatile CrossPaths crossPaths = CrossPaths.NONE;

  public CertificateAuthority(
      IssuanceStore store,
      Hierarchy hierarchy,
      KeyBackend keys,
      Clock clock,
      SecureRandom random,
      InFlight inFlight) {
    this.store = store;
    this.hierarchy = hierarchy;
    this.keys = keys;
    this.clock = clock;
    this.random = random;
    this.inFlight = inFlight;
  }

  /** The cross-certificates by which a request for one root may be served under another. */
  public void crossPaths(CrossPaths paths) {
    this.crossPaths = paths;
  }

  public IssuedCertificate issue(Caller caller, IssueRequest request) {
    CertificateProfile profile = CertificateTemplates.profile(request.profile());
    Authorization.checkIssue(caller, profile, request);
    CsrReader.Csr csr = CsrReader.read(request.csrPem(), profile);
    Authorization.checkIdentity(caller, csr.subject(), request);
    Optional<Crossed> crossed = Optional.empty();
    Hierarchy.Authority issuer;
    try {
      issuer = hierarchy.issuerFor(profile, request.issuer(), request.root(), clock.instant());
    } catch (RefusedException e) {
      if (e.refusal() != Refusal.UNKNOWN_ISSUER
          || request.root().isEmpty()
          || request.issuer().isPresent()) {
        throw e;
      }
      // no chain under the root asked for: one under a root it cross-certified, if any
      crossed = crossed(profile, request.root().get());
      issuer = crossed.map(Crossed::issuer).orElseThrow(() -> e);
    }
    byte[] requestHash = IdempotencyKeys.hash(profile, issuer.id(), csr, request.validityDays());
    // an idempotency key used before is found when recording (step 8) runs into it: the common
    // first request costs no extra lookup
    IssuedCertificate issued =
        issueTo(
            caller,
            profile,
            issuer,
            new Subject(csr.subject(), csr.request().getSubjectPublicKeyInfo()),
            request.validityDays(),
            request.idempotencyKey(),
            requestHash,
            null,
            null);
    return crossed
        .map(c -> issued.crossedTo(c.via().crossCertificate(), c.via().root()))
        .orElse(issued);
  }

  /** A CA under a cross-certified root, and the cross-certificate that leads there. */
  private record Crossed(CrossPaths.Via via, Hierarchy.Authority issuer) {}

  /**
   * A cross-certificate from {@code root} onto a root this hierarchy issues {@code profile} under,
   * with the CA that issues it there.
   */
  private Optional<Crossed> crossed(CertificateProfile profile, String root) {
    String sha256 = dev.pncpki.ca.pem.CertificateInput.sha256Fingerprint("root", root);
    for (CrossPaths.Via via : crossPaths.from(sha256)) {
      try {
        return Optional.of(
            new Crossed(
                via,
                hierarchy.issuerFor(
                    profile, Optional.empty(), Optional.of(via.toRootSha256()), clock.instant())));
      } catch (RefusedException none) {
        // no live CA under that root either
      }
    }
    return Optional.empty();
  }

  /**
   * Issues a certificate for a key the service made itself (a contract key, ISO 15118-2 V2G2-818:
   * the secondary actor generates it). {@code rows} writes, with {@code item}, the rows that belong
   * to this issuance in the same transaction that records it as pending, so they exist exactly when
   * it does; it may refuse by throwing, and then nothing is recorded. With {@code idempotency}, a
   * request that meets its key used before gets that issuance's outcome, whose rows the caller
   * looks up itself.
   */
  public <T> IssuedCertificate issueForKey(
      Caller caller,
      CertificateProfile profile,
      Subject subject,
      Optional<Integer> validityDays,
      Optional<Idempotency> idempotency,
      PendingRows<T> rows,
      T item) {
    Hierarchy.Authority issuer =
        hierarchy.issuerFor(profile, Optional.empty(), Optional.empty(), clock.instant());
    byte[] requestHash =
        idempotency
            .map(Idempotency::requestSha256)
            .orElseGet(() -> IdempotencyKeys.hash(profile, issuer.id(), subject, validityDays));
    return issueTo(
        caller,
        profile,
        issuer,
        subject,
        validityDays,
        idempotency.map(Idempotency::key),
        requestHash,
        Objects.requireNonNull(rows, "rows"),
        item);
  }

  /**
   * The outcome of the caller's earlier request with this idempotency key, if there was one: its
   * certificate if issued; 409 {@code idempotency-key-reused} for another request, {@code
   * issuance-in-progress} while pending, {@code issuance-failed} once failed.
   */
  public Optional<IssuedCertificate> earlier(Caller caller, Idempotency idempotency) {
    return store
        .byIdempotencyKey(caller.name(), idempotency.key())
        .map(row -> IdempotencyKeys.replay(row, idempotency.requestSha256(), hierarchy::withChain));
  }

  /** What a certificate is issued for: the subject fields and the subject's public key. */
  public record Subject(SubjectFields fields, SubjectPublicKeyInfo publicKey) {}

  private <T> IssuedCertificate issueTo(
      Caller caller,
      CertificateProfile profile,
      Hierarchy.Authority issuer,
      Subject subject,
      Optional<Integer> validityDays,
      Optional<String> idempotencyKey,
      byte[] requestHash,
      PendingRows<T> rows,
      T item) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    Instant notBefore = CertificateTemplates.notBefore(profile, issuer, now);
    Instant notAfter = CertificateTemplates.notAfter(profile, issuer, validityDays, notBefore);
    BigInteger serial = SerialNumbers.random(random);
    var template =
        CertificateTemplates.template(profile, subject, issuer, serial, notBefore, notAfter);
    var row =
        new CertificateRow(
            issuer.id(),
            serial.toString(16),
            profile.label(),
            subject.fields().commonName(),
            IssuanceState.PENDING,
            caller.name(),
            idempotencyKey.orElse(null),
            requestHash,
            clock.instant(),
            notBefore,
            notAfter,
            null,
            null,
            null,
            null);
    inFlight.begin(row.issuerId(), row.serial());
    try {
      Optional<IssuedCertificate> earlier =
          recordPending(new IssuanceStore.Pending<>(row, rows, item));
      if (earlier.isPresent()) {
        return earlier.get();
      }
      X509CertificateHolder certificate = sign(caller, template, issuer, row);
      complete(caller, profile, row, certificate);
      return hierarchy.withChain(row, certificate);
    } finally {
      inFlight.end(row.issuerId(), row.serial());
    }
  }

  /** Step 9: the key backend signs; a refusal fails the row, with its audit event. */
  private X509CertificateHolder sign(
      Caller caller,
      dev.pncpki.policies.profile.CertificateTemplate template,
      Hierarchy.Authority issuer,
      CertificateRow row) {
    try {
      return TemplateSigning.signAndCheck(template, keys, issuer.key());
    } catch (KeyBackendException | ProfileViolationException e) {
      store.fail(
          issuer.id(),
          row.serial(),
          e.getMessage(),
          event(caller, "issue", issuer.id() + "/" + row.serial(), "failed", e.getMessage()));
      if (e instanceof KeyBackendException) {
        throw new RefusedException(
            Refusal.KEY_BACKEND_UNAVAILABLE,
            "the key backend did not sign; retry shortly (details are in the audit log)",
            java.util.List.of(),
            e);
      }
      throw new IllegalStateException("issued certificate breaks its profile", e);
    }
  }

  /** Step 10: the row becomes issued, with its audit event, in a shared commit. */
  private void complete(
      Caller caller,
      CertificateProfile profile,
      CertificateRow row,
      X509CertificateHolder certificate) {
    try {
      store.complete(
          new IssuanceStore.Completion(
              row.issuerId(),
              row.serial(),
              encoded(certificate),
              event(
                  caller,
                  "issue",
                  row.issuerId() + "/" + row.serial(),
                  "issued",
                  profile.label() + " CN=" + row.subjectCn())));
    } catch (IssuanceAbandonedException e) {
      throw new RefusedException(
          Refusal.ISSUANCE_FAILED,
          "the issuance "
              + row.issuerId()
              + "/"
              + row.serial()
              + " was failed by crash recovery while it was being signed (this instance had lost"
              + " its database session); nobody received its certificate: retry"
              + (row.idempotencyKey() == null ? "" : " with a new idempotency key"),
          java.util.List.of(),
          e);
    } catch (IssuerRevokedException e) {
      // the issuer was revoked between recording and completing: the certificate is signed but
      // never handed out, and its row and the audit log say why
      String why = "issuer revoked during the issuance";
      String target = row.issuerId() + "/" + row.serial();
      store.fail(row.issuerId(), row.serial(), why, event(caller, "issue", target, "failed", why));
      throw issuerRevoked(row.issuerId(), e);
    }
  }

  /**
   * The database refused an issuance under a revoked CA: revoked through another instance, whose
   * revocation this one's hierarchy learns at its next reload, or in the moment between choosing
   * the issuer and recording.
   */
  private static RefusedException issuerRevoked(String issuerId, RuntimeException cause) {
    return new RefusedException(
        Refusal.ISSUER_REVOKED,
        "CA " + issuerId + " or a CA above it is revoked; it issues nothing more",
        List.of(),
        cause);
  }

  /**
   * Step 8 of docs/issuance.md: records the issuance as pending, or, when the caller used its
   * idempotency key before, answers with that issuance (the same certificate if the request is the
   * same and it was issued; 409 otherwise). Of two concurrent requests with one key, the unique
   * constraint lets one record its issuance and the other finds it in progress.
   */
  private Optional<IssuedCertificate> recordPending(IssuanceStore.Pending<?> pending) {
    CertificateRow row = pending.row();
    try {
      store.recordPending(pending, inFlight.owner());
      return Optional.empty();
    } catch (IssuerRevokedException e) {
      throw issuerRevoked(row.issuerId(), e);
    } catch (IdempotencyKeyTakenException e) {
      Optional<CertificateRow> earlier =
          store.byIdempotencyKey(row.requester(), row.idempotencyKey());
      if (earlier.isPresent()) {
        return Optional.of(
            IdempotencyKeys.replay(earlier.get(), row.requestSha256(), hierarchy::withChain));
      }
      throw new RefusedException(
          Refusal.ISSUANCE_IN_PROGRESS,
          "an issuance with idempotency key \""
              + row.idempotencyKey()
              + "\" is in progress; retry shortly");
    }
  }

  AuditEvent event(Caller caller, String action, String target, String outcome, String detail) {
    return new AuditEvent(
        clock.instant().truncatedTo(ChronoUnit.MICROS),
        caller.name(),
        action,
        target,
        outcome,
        detail);
  }

  static byte[] encoded(X509CertificateHolder certificate) {
    try {
      return certificate.getEncoded();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
