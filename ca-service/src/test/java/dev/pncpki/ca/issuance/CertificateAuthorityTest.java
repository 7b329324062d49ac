package dev.pncpki.ca.issuance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pncpki.ca.audit.AuditEvent;
import dev.pncpki.ca.auth.Caller;
import dev.pncpki.ca.auth.Role;
import dev.pncpki.ca.ceremony.TestHierarchy;
import dev.pncpki.ca.keys.KeyBackend;
import dev.pncpki.ca.keys.KeyBackendException;
import dev.pncpki.ca.keys.KeyHandle;
import dev.pncpki.ca.keys.KeyName;
import dev.pncpki.ca.refusal.Refusal;
import dev.pncpki.ca.refusal.RefusedException;
import dev.pncpki.ca.testing.Csrs;
import dev.pncpki.policies.profile.KeyAlgorithm;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two-phase issuance of docs/issuance.md against an in-memory store: what is recorded before
 * and after signing, what each refusal leaves behind, and idempotent retries; on a hierarchy made
 * by the real ceremony with software keys.
 */
class CertificateAuthorityTest {
  private static final Caller ADMIN = new Caller("alice", Set.of(Role.ADMIN), Optional.empty());

  @TempDir Path dir;
  private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private final Clock clock = Clock.fixed(t0.plus(Duration.ofDays(1)), ZoneOffset.UTC);
  private final InMemoryIssuanceStore store = new InMemoryIssuanceStore();
  private final InFlight inFlight = new InFlight(() -> 7);
  private final AtomicReference<Runnable> whileSigning = new AtomicReference<>(() -> {});
  private final AtomicReference<RuntimeException> signingFails = new AtomicReference<>();
  private CertificateAuthority authority;

  @BeforeEach
  void ca() throws Exception {
    var made = TestHierarchy.in(dir);
    made.run(TestHierarchy.CPO, t0);
    KeyBackend keys = made.backend();
    KeyBackend observed =
        new KeyBackend() {
          @Override
          public KeyHandle createKey(KeyName name, KeyAlgorithm algorithm) {
            return keys.createKey(name, algorithm);
          }

          @Override
          public Optional<KeyHandle> findKey(KeyName name) {
            return keys.findKey(name);
          }

          @Override
          public byte[] signDigest(KeyHandle key, byte[] digest) {
            whileSigning.get().run();
            if (signingFails.get() != null) {
              throw signingFails.get();
            }
            return keys.signDigest(key, digest);
          }
        };
    var hierarchy = new Hierarchy(HierarchyImport.rows(made.directory()));
    authority =
        new CertificateAuthority(store, hierarchy, observed, clock, new SecureRandom(), inFlight);
  }

  private static IssueRequest station(String cn, Optional<String> idempotencyKey) throws Exception {
    return new IssueRequest(
        "charging-station-client",
        Csrs.p256("CN=" + cn + ", O=Test CPO"),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        idempotencyKey);
  }

  private static void refusedWith(Runnable call, Refusal refusal) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            RefusedException.class, e -> assertThat(e.refusal()).isEqualTo(refusal));
  }

  @Test
  void anIssuanceIsRecordedPendingBeforeSigningAndIssuedAfterWithItsAuditEvent() throws Exception {
    List<IssuanceState> duringSigning = new java.util.ArrayList<>();
    whileSigning.set(
        () -> {
          store.rows().forEach(r -> duringSigning.add(r.status()));
          assertThat(inFlight.size()).isOne();
        });

    IssuedCertificate issued = authority.issue(ADMIN, station("CS-1", Optional.empty()));

    assertThat(duringSigning).containsExactly(IssuanceState.PENDING);
    assertThat(inFlight.size()).isZero();
    assertThat(issued.issuerId()).isEqualTo("sub2a");
    assertThat(issued.certificate().getSubject().toString()).contains("CN=CS-1");
    assertThat(issued.chain()).extracting(c -> c.getSubject().toString()).hasSize(2);
    var row = store.rows().getFirst();
    assertThat(row.status()).isEqualTo(IssuanceState.ISSUED);
    assertThat(row.certificate()).isEqualTo(issued.certificate().getEncoded());
    assertThat(row.serial()).isEqualTo(issued.serial());
    assertThat(store.owner(row)).contains(7);
    assertThat(store.events())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.outcome()).isEqualTo("issued");
              assertThat(e.target()).isEqualTo("sub2a/" + issued.serial());
              assertThat(e.actor()).isEqualTo("alice");
            });
  }

  @Test
  void aStationsCertificateStartsAnHourBeforeItIsIssuedForClocksBehindTheCas() throws Exception {
    IssuedCertificate issued = authority.issue(ADMIN, station("CS-11", Optional.empty()));
    Instant notBefore = issued.certificate().getNotBefore().toInstant();
    Instant notAfter = issued.certificate().getNotAfter().toInstant();
    assertThat(notBefore).isEqualTo(clock.instant().minus(Duration.ofHours(1)));
    assertThat(store.rows().getFirst().notBefore()).isEqualTo(notBefore);
    // the validity still fits the profile's cap, counted from notBefore
    assertThat(Duration.between(notBefore, notAfter))
        .isLessThanOrEqualTo(
            dev.pncpki.policies.profile.ProfileCatalog.byLabel("charging-station-client")
                .maxValidity());
  }

  @Test
  void aStationsCertificateNeverStartsBeforeItsIssuer() throws Exception {
    // ten minutes after the hierarchy was made: an hour back would be before the Sub-CA 2
    Instant early = t0.plus(Duration.ofMinutes(10));
    var fresh =
        new CertificateAuthority(
            store,
            new Hierarchy(HierarchyImport.rows(TestHierarchy.in(dir).directory())),
            TestHierarchy.in(dir).backend(),
            Clock.fixed(early, ZoneOffset.UTC),
            new SecureRandom(),
            inFlight);
    IssuedCertificate issued = fresh.issue(ADMIN, station("CS-12", Optional.empty()));
    Instant issuerStart = issued.chain().getFirst().getNotBefore().toInstant();
    assertThat(issued.certificate().getNotBefore().toInstant())
        .isEqualTo(issuerStart)
        .isBefore(early);
  }

  @Test
  void theSameRequestWithTheSameIdempotencyKeyGetsTheSameCertificate() throws Exception {
    IssueRequest request = station("CS-2", Optional.of("k-1"));
    IssuedCertificate first = authority.issue(ADMIN, request);
    IssuedCertificate again = authority.issue(ADMIN, request);

    assertThat(again.serial()).isEqualTo(first.serial());
    assertThat(again.certificate()).isEqualTo(first.certificate());
    assertThat(store.rows()).hasSize(1);
  }

  @Test
  void anotherRequestWithAKeyUsedBeforeIsRefusedAndRecordsNothing() throws Exception {
    authority.issue(ADMIN, station("CS-3", Optional.of("k-2")));
    refusedWith(
        () -> call(() -> authority.issue(ADMIN, station("CS-4", Optional.of("k-2")))),
        Refusal.IDEMPOTENCY_KEY_REUSED);
    assertThat(store.rows()).hasSize(1);
  }

  @Test
  void aKeyBackendThatDoesNotSignFailsTheIssuanceWithAnAuditEventAnd503() throws Exception {
    signingFails.set(new KeyBackendException("transit is sealed"));

    refusedWith(
        () -> call(() -> authority.issue(ADMIN, station("CS-5", Optional.empty()))),
        Refusal.KEY_BACKEND_UNAVAILABLE);

    assertThat(store.rows(IssuanceState.FAILED))
        .singleElement()
        .satisfies(r -> assertThat(r.failure()).isEqualTo("transit is sealed"));
    assertThat(store.events()).extracting(AuditEvent::outcome).containsExactly("failed");
    assertThat(inFlight.size()).isZero();
  }

  @Test
  void anIssuerTheStoreKnowsRevokedRecordsNothing() throws Exception {
    store.revokeIssuer("sub2a");

    refusedWith(
        () -> call(() -> authority.issue(ADMIN, station("CS-6", Optional.empty()))),
        Refusal.ISSUER_REVOKED);

    assertThat(store.rows()).isEmpty();
    assertThat(store.events()).isEmpty();
  }

  @Test
  void anIssuerRevokedWhileSigningFailsTheIssuanceAndHandsOutNothing() throws Exception {
    whileSigning.set(() -> store.revokeIssuer("sub2a"));

    refusedWith(
        () -> call(() -> authority.issue(ADMIN, station("CS-7", Optional.empty()))),
        Refusal.ISSUER_REVOKED);

    assertThat(store.rows(IssuanceState.FAILED))
        .singleElement()
        .satisfies(r -> assertThat(r.failure()).isEqualTo("issuer revoked during the issuance"));
    assertThat(store.events())
        .singleElement()
        .satisfies(e -> assertThat(e.outcome()).isEqualTo("failed"));
  }

  @Test
  void anIssuanceCrashRecoveryFailedWhileSigningIsRefusedAsFailed() throws Exception {
    whileSigning.set(() -> store.failAllPending("instance gone"));
    IssueRequest request = station("CS-8", Optional.of("k-3"));

    assertThatThrownBy(() -> authority.issue(ADMIN, request))
        .isInstanceOfSatisfying(
            RefusedException.class,
            e -> {
              assertThat(e.refusal()).isEqualTo(Refusal.ISSUANCE_FAILED);
              assertThat(e.getMessage()).contains("with a new idempotency key");
            });
    assertThat(store.rows(IssuanceState.ISSUED)).isEmpty();
    // a retry of the same request with the same key meets the same outcome: failed
    whileSigning.set(() -> {});
    refusedWith(() -> authority.issue(ADMIN, request), Refusal.ISSUANCE_FAILED);
    // another request with that key is refused as a reuse
    refusedWith(
        () -> call(() -> authority.issue(ADMIN, station("CS-8", Optional.of("k-3")))),
        Refusal.IDEMPOTENCY_KEY_REUSED);
    assertThat(store.rows()).hasSize(1);
  }

  @Test
  void rowsThatBelongToAnIssuanceAreWrittenWithItsPendingRowOrNothingIsRecorded() throws Exception {
    var subject = subjectOf("CS-9");
    List<String> written = new java.util.ArrayList<>();
    PendingRows<String> rows =
        (transaction, entries) ->
            entries.forEach(e -> written.add(e.item() + "@" + e.row().status()));

    authority.issueForKey(
        ADMIN, profile(), subject, Optional.empty(), Optional.empty(), rows, "contract-row");
    assertThat(written).containsExactly("contract-row@PENDING");

    PendingRows<String> refusing =
        (transaction, entries) -> {
          throw new RefusedException(Refusal.CONTRACT_EXISTS, "a live contract exists");
        };
    var other = subjectOf("CS-10");
    refusedWith(
        () ->
            authority.issueForKey(
                ADMIN, profile(), other, Optional.empty(), Optional.empty(), refusing, "x"),
        Refusal.CONTRACT_EXISTS);
    assertThat(store.rows()).hasSize(1);
    assertThat(inFlight.size()).isZero();
  }

  @Test
  void aCallerWithoutTheRightIsRefusedBeforeAnythingIsRecorded() throws Exception {
    var oem = new Caller("oem-a", Set.of(Role.parse("oem:oem-a")), Optional.empty());
    refusedWith(
        () -> call(() -> authority.issue(oem, station("CS-11", Optional.empty()))),
        Refusal.FORBIDDEN);
    assertThat(store.rows()).isEmpty();
  }

  private static CertificateAuthority.Subject subjectOf(String cn) throws Exception {
    var csr = CsrReader.read(Csrs.p256("CN=" + cn + ", O=Test CPO"), profile());
    return new CertificateAuthority.Subject(csr.subject(), csr.request().getSubjectPublicKeyInfo());
  }

  private static dev.pncpki.policies.profile.CertificateProfile profile() {
    return dev.pncpki.policies.profile.ProfileCatalog.byLabel("charging-station-client");
  }

  @FunctionalInterface
  private interface Call {
    Object run() throws Exception;
  }

  private static void call(Call call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
