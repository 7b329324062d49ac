package dev.pncpki.ca.issuance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pncpki.ca.audit.AuditLog;
import dev.pncpki.ca.audit.AuditQuery;
import dev.pncpki.ca.auth.Caller;
import dev.pncpki.ca.auth.Role;
import dev.pncpki.ca.ceremony.TestHierarchy;
import dev.pncpki.ca.keys.KeyBackend;
import dev.pncpki.ca.keys.KeyHandle;
import dev.pncpki.ca.keys.KeyName;
import dev.pncpki.ca.refusal.Refusal;
import dev.pncpki.ca.refusal.RefusedException;
import dev.pncpki.ca.store.AuthorityDao;
import dev.pncpki.ca.store.Database;
import dev.pncpki.ca.store.HierarchyDao;
import dev.pncpki.ca.store.IssuanceWrites;
import dev.pncpki.policies.profile.KeyAlgorithm;
import java.io.StringWriter;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ceremony's folder imported into a real PostgreSQL (V5): each certificate a row of the
 * certificate table, idempotently, also for a database whose authorities were imported before the
 * rows existed; the database refuses issuance under a revoked CA, and a new CA under one, also
 * while a revocation is under way.
 */
class HierarchyImportIT {
  private static final String SUB2B =
      """
      certificates:
        - {id: sub2b, profile: cpo-sub-ca-2, issuer: sub1, validityDays: 700,
           subject: {commonName: Test Sub-CA 2 B, organization: Test CPO, country: DE}}
      """;

  @TempDir Path dir;
  private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  private final Clock clock = Clock.systemUTC();
  private Database database;
  private Jdbi jdbi;
  private TestHierarchy made;

  @BeforeEach
  void start() throws Exception {
    database = Database.embedded(dir.resolve("pg"));
    jdbi = database.jdbi();
    made = TestHierarchy.in(dir);
    made.run(TestHierarchy.CPO, t0);
  }

  @AfterEach
  void stop() throws Exception {
    database.close();
  }

  private long count(String sql) {
    return jdbi.withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
  }

  @Test
  void everyCertificateIsAnIssuedRowImportedOnce() {
    assertThat(HierarchyImport.run(made.directory(), jdbi, clock)).isEqualTo(4);
    assertThat(HierarchyImport.run(made.directory(), jdbi, clock)).isZero();

    assertThat(
            count(
                "select count(*) from certificate where authority_id is not null"
                    + " and status = 'issued' and requester = 'ceremony'"))
        .isEqualTo(4);
    assertThat(
            count(
                "select count(*) from certificate where authority_id = 'root'"
                    + " and issuer_id = 'root'"))
        .as("a root's row names itself as issuer")
        .isEqualTo(1);
    assertThat(
            count(
                "select count(*) from certificate where authority_id = 'ocsp-sub2a'"
                    + " and issuer_id = 'sub2a' and profile = 'ocsp-signer'"))
        .isEqualTo(1);
  }

  @Test
  void authoritiesImportedBeforeTheRowsExistedGetTheirRows() {
    HierarchyImport.run(made.directory(), jdbi, clock);
    jdbi.useHandle(h -> h.execute("delete from certificate where authority_id is not null"));

    assertThat(HierarchyImport.run(made.directory(), jdbi, clock)).isZero();
    assertThat(count("select count(*) from certificate where authority_id is not null"))
        .isEqualTo(4);
  }

  @Test
  void noIssuanceIsRecordedUnderARevokedCaOrBelowIt() {
    HierarchyImport.run(made.directory(), jdbi, clock);
    insertPending("sub2a", "0102030405060708a1");
    revoke("sub1");

    assertThatThrownBy(() -> insertPending("sub2a", "0102030405060708a2"))
        .satisfies(e -> assertThat(IssuanceWrites.issuerRevoked(e)).as(e.toString()).isTrue())
        .hasMessageContaining("the issuing CA sub1 is revoked");
    assertThatThrownBy(
            () ->
                jdbi.useHandle(
                    h ->
                        h.execute(
                            "update certificate set status = 'issued', certificate = '\\x00'"
                                + " where serial = '0102030405060708a1'")))
        .as("nor completed")
        .satisfies(e -> assertThat(IssuanceWrites.issuerRevoked(e)).isTrue());
    HierarchyDao dao = jdbi.onDemand(HierarchyDao.class);
    assertThat(dao.revokedAtOrAbove("ocsp-sub2a")).contains("sub1");
    assertThat(dao.revokedAtOrAbove("root")).isEmpty();
    assertThat(dao.revokedAuthorities()).containsExactly("sub1");
  }

  @Test
  void aCompletionConcurrentWithARevocationWaitsAndIsRefused() throws Exception {
    HierarchyImport.run(made.directory(), jdbi, clock);
    insertPending("sub2a", "0102030405060708a3");
    try (var revoking = jdbi.open();
        var pool = Executors.newSingleThreadExecutor()) {
      revoking.begin();
      revoking.attach(HierarchyDao.class).lockCertificate("sub1");
      revoking.execute(
          "update certificate set revoked_at = now(), revocation_reason = 2"
              + " where authority_id = 'sub1'");
      Future<?> completion =
          pool.submit(
              () ->
                  jdbi.useHandle(
                      h ->
                          h.execute(
                              "update certificate set status = 'issued', certificate = '\\x00'"
                                  + " where serial = '0102030405060708a3'")));
      Thread.sleep(500);
      assertThat(completion).as("waits for the revocation's commit").isNotDone();
      revoking.commit();
      assertThatThrownBy(() -> completion.get(10, TimeUnit.SECONDS))
          .satisfies(e -> assertThat(IssuanceWrites.issuerRevoked(e)).isTrue());
    }
    assertThat(
            count(
                "select count(*) from certificate where status = 'issued'"
                    + " and serial = '0102030405060708a3'"))
        .isZero();
  }

  @Test
  void anIssuerRevokedWhileSigningFailsTheRowWithAnAuditEvent() throws Exception {
    HierarchyImport.run(made.directory(), jdbi, clock);
    KeyBackend keys = made.backend();
    KeyBackend revokingOnSign =
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
            revoke("sub2a"); // through another instance, between recording and completing
            return keys.signDigest(key, digest);
          }
        };
    var hierarchy = new Hierarchy(jdbi.withExtension(AuthorityDao.class, AuthorityDao::all));
    var authority =
        new CertificateAuthority(
            new dev.pncpki.ca.store.JdbiIssuanceStore(jdbi, java.util.Map.of()),
            hierarchy,
            revokingOnSign,
            clock,
            new SecureRandom(),
            new InFlight(() -> 1));
    var admin = new Caller("alice", Set.of(Role.ADMIN), Optional.empty());
    var request =
        new IssueRequest(
            "secc-leaf",
            csr("CN=DE-ICE-S-00003C4D557878675645330967543476-2, O=Demo CPO, C=DE"),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());

    assertThatThrownBy(() -> authority.issue(admin, request))
        .isInstanceOfSatisfying(
            RefusedException.class, e -> assertThat(e.refusal()).isEqualTo(Refusal.ISSUER_REVOKED));
    assertThat(
            count(
                "select count(*) from certificate where status = 'failed'"
                    + " and failure = 'issuer revoked during the issuance'"))
        .isEqualTo(1);
    assertThat(
            new AuditLog(jdbi, clock)
                .events(new AuditQuery("alice", "issue", null, null, null, null, 10)))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.outcome()).isEqualTo("failed");
              assertThat(e.detail()).isEqualTo("issuer revoked during the issuance");
              assertThat(e.target()).startsWith("sub2a/");
            });
  }

  private static String csr(String subject) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    KeyPair pair = g.generateKeyPair();
    var request =
        new JcaPKCS10CertificationRequestBuilder(new X500Name(subject), pair.getPublic())
            .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
    var out = new StringWriter();
    try (var w = new JcaPEMWriter(out)) {
      w.writeObject(request);
    }
    return out.toString();
  }

  @Test
  void aNewSubCaBesideARevokedOneIsImported() throws Exception {
    HierarchyImport.run(made.directory(), jdbi, clock);
    revoke("sub2a");
    made.run(SUB2B, t0.plus(Duration.ofMinutes(1)));

    assertThat(HierarchyImport.run(made.directory(), jdbi, clock)).isEqualTo(1);
    // sub2a is revoked and not counted; its OCSP signer is not revoked itself and is
    assertThat(jdbi.onDemand(HierarchyDao.class).validBelow("sub1", Instant.now()))
        .containsExactly(new ProfileCount("cpo-sub-ca-2", 1), new ProfileCount("ocsp-signer", 1));
  }

  @Test
  void aNewCaUnderARevokedOneStopsTheImport() throws Exception {
    HierarchyImport.run(made.directory(), jdbi, clock);
    revoke("sub1");
    made.run(SUB2B, t0.plus(Duration.ofMinutes(1)));

    assertThatThrownBy(() -> HierarchyImport.run(made.directory(), jdbi, clock))
        .isInstanceOf(HierarchyImport.Refused.class)
        .hasMessageContaining("sub2b")
        .hasMessageContaining("issued under sub1, which is revoked");
    assertThat(count("select count(*) from authority where id = 'sub2b'")).isZero();
  }

  private void revoke(String authority) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "update certificate set revoked_at = now(), revocation_reason = 2"
                        + " where authority_id = :id")
                .bind("id", authority)
                .execute());
  }

  private void insertPending(String issuer, String serial) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    """
                    insert into certificate (issuer_id, serial, profile, subject_cn, status,
                      requester, request_sha256, created_at, not_before, not_after)
                    values (:issuer, :serial, 'secc-leaf', 'SECC-1', 'pending', 'admin',
                      '\\x00', now(), now(), now() + interval '1 day')
                    """)
                .bind("issuer", issuer)
                .bind("serial", serial)
                .execute());
  }
}
