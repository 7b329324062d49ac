package dev.pncpki.ca.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pncpki.ca.app.EmbeddedCaForClients;
import dev.pncpki.ca.cli.AdminCliRun.Run;
import dev.pncpki.ca.testing.FreePorts;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin CLI as a security admin runs it, against the real service started in-process. */
class AdminCliIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path dir;
  private static EmbeddedCaForClients ca;

  @BeforeAll
  static void start() throws Exception {
    ca = new EmbeddedCaForClients(dir);
  }

  @AfterAll
  static void stop() {
    ca.close();
  }

  /** {@code admin <args>} with the URL and admin token of the test CA. */
  private static Run admin(String... args) {
    return AdminCliRun.admin(ca.url(), EmbeddedCaForClients.ADMIN_TOKEN, args);
  }

  private static Path csrFile(String subject) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    var pair = g.generateKeyPair();
    var request =
        new JcaPKCS10CertificationRequestBuilder(new X500Name(subject), pair.getPublic())
            .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
    var pem = new StringWriter();
    try (var w = new JcaPEMWriter(pem)) {
      w.writeObject(request);
    }
    Path file = Files.createTempFile(dir, "csr", ".pem");
    Files.writeString(file, pem.toString());
    return file;
  }

  private static String field(String out, String label) {
    Matcher m = Pattern.compile("(?m)^" + label + " +(\\S.*)$").matcher(out);
    assertThat(m.find()).as(out).isTrue();
    return m.group(1);
  }

  private static String issueStation(String cn, String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("issue", "--profile", "charging-station-client"));
    args.addAll(List.of("--csr", csrFile("CN=" + cn + ", O=Demo CPO").toString()));
    args.addAll(List.of(extra));
    Run run = admin(args.toArray(String[]::new));
    assertThat(run.failure()).as(run.err()).isEmpty();
    return field(run.out(), "serial");
  }

  @Test
  void listsTheHierarchyAsAnAlignedTable() {
    Run run = admin("cas", "--token", ""); // public: works without a token
    assertThat(run.failure()).as(run.err()).isEmpty();
    List<String> lines = run.out().lines().toList();
    assertThat(lines.get(0)).matches("ID +PROFILE +ISSUER +NOT AFTER +STATUS");
    assertThat(run.out()).contains("v2g-root").contains("cpo-sub-ca-2");
    int notAfter = lines.get(0).indexOf("NOT AFTER");
    assertThat(lines.subList(1, lines.size()))
        .allSatisfy(
            l -> assertThat(l.substring(notAfter)).matches("\\d{4}-\\d\\d-\\d\\dT\\S*Z +valid"));
    assertThat(lines)
        .filteredOn(l -> l.startsWith("v2g-root "))
        .singleElement()
        .asString()
        .contains(" - "); // a root has no issuer
  }

  @Test
  void issuesFromACsrFileWritesThePemAndShowsIt() throws Exception {
    Path out = dir.resolve("station.pem");
    Run run =
        admin(
            "issue",
            "--profile",
            "charging-station-client",
            "--csr",
            csrFile("CN=CS-CLI-1, O=Demo CPO").toString(),
            "--validity-days",
            "30",
            "--out",
            out.toString());
    assertThat(run.failure()).as(run.err()).isEmpty();
    assertThat(run.err()).isEmpty();
    assertThat(field(run.out(), "subject")).contains("CN=CS-CLI-1");
    assertThat(field(run.out(), "issuer")).isEqualTo("cpo-sub-ca-2");
    assertThat(field(run.out(), "not after")).matches("\\d{4}-.*Z");
    String pem = Files.readString(out);
    assertThat(Pattern.compile("-----BEGIN CERTIFICATE-----").matcher(pem).results().count())
        .isGreaterThanOrEqualTo(2); // the leaf, then its chain below the root

    String serial = field(run.out(), "serial");
    Run show = admin("show", serial);
    assertThat(show.failure()).as(show.err()).isEmpty();
    assertThat(field(show.out(), "status")).isEqualTo("valid");
    assertThat(field(show.out(), "profile")).isEqualTo("charging-station-client");
  }

  @Test
  void theSameIdempotencyKeyReturnsTheSameCertificate() throws Exception {
    Path csr = csrFile("CN=CS-CLI-IDEM, O=Demo CPO");
    String[] args = {
      "issue",
      "--profile",
      "charging-station-client",
      "--csr",
      csr.toString(),
      "--idempotency-key",
      "cli-it-1"
    };
    String first = field(admin(args).out(), "serial");
    assertThat(field(admin(args).out(), "serial")).isEqualTo(first);
    args[4] = csrFile("CN=CS-CLI-IDEM, O=Demo CPO").toString();
    Run other = admin(args); // a different CSR under the same key is refused, not issued
    assertThat(other.failure()).isPresent();
    assertThat(other.errLines()).singleElement().asString().startsWith("error: idempotency-key");
  }

  @Test
  void expiringListsSoonestFirstWithinTheWindow() throws Exception {
    String serial = issueStation("CS-CLI-EXP", "--validity-days", "2");
    Run soon = admin("expiring", "--days", "3");
    assertThat(soon.failure()).as(soon.err()).isEmpty();
    assertThat(soon.out().lines().findFirst().orElseThrow()).startsWith("SERIAL ");
    assertThat(soon.out()).contains(serial).contains("CN=CS-CLI-EXP");
    Run none = admin("expiring", "--before", "2001-01-01T00:00:00Z");
    assertThat(none.out()).isEqualTo("no valid certificate expires before 2001-01-01T00:00:00Z\n");
    Run limited = admin("expiring", "--before", "2999-01-01", "--limit", "1");
    assertThat(limited.out()).contains("raise --limit");
  }

  @Test
  void revokesThenRefusesToRevokeAgain() throws Exception {
    String serial = issueStation("CS-CLI-REV");
    Run revoke = admin("revoke", serial, "--reason", "keyCompromise");
    assertThat(revoke.failure()).as(revoke.err()).isEmpty();
    assertThat(field(revoke.out(), "status")).isEqualTo("revoked");
    assertThat(field(revoke.out(), "reason")).isEqualTo("keyCompromise (1)");
    assertThat(field(admin("show", serial).out(), "status")).isEqualTo("revoked");

    Run again = admin("revoke", serial, "--reason", "superseded");
    assertThat(again.failure()).isPresent();
    assertThat(again.errLines()).singleElement().asString().startsWith("error: already-revoked: ");
  }

  @Test
  void publishesTheCrl() {
    Run crl = admin("publish-crl", "cpo-sub-ca-2");
    assertThat(crl.failure()).as(crl.err()).isEmpty();
    assertThat(field(crl.out(), "ca")).isEqualTo("cpo-sub-ca-2");
    assertThat(field(crl.out(), "crl number")).matches("\\d+");
  }

  @Test
  void publishCrlFailuresAreOneLine() {
    Run crl = admin("publish-crl", "no-such-ca");
    assertThat(crl.failure()).isPresent();
    assertThat(crl.errLines()).singleElement().asString().startsWith("error: not-found: ");
  }

  @Test
  void jsonOutputIsTheServicesJson() throws Exception {
    String serial = issueStation("CS-CLI-JSON");
    JsonNode shown = JSON.readTree(admin("show", serial, "--json").out());
    assertThat(shown.path("serial").asText()).isEqualTo(serial);
    assertThat(shown.path("certificate").asText()).startsWith("-----BEGIN CERTIFICATE-----");
    assertThat(JSON.readTree(admin("cas", "--json").out()).isArray()).isTrue();
    assertThat(JSON.readTree(admin("verify-audit", "--json").out()).path("intact").asBoolean())
        .isTrue();
    assertThat(JSON.readTree(admin("expiring", "--days", "5000", "--json").out()).isArray())
        .isTrue();
  }

  @Test
  void verifyAuditSucceedsOnAnIntactLog() {
    Run run = admin("verify-audit");
    assertThat(run.failure()).as(run.err()).isEmpty();
    assertThat(run.exitStatus()).isZero();
    assertThat(field(run.out(), "intact")).isEqualTo("yes");
    assertThat(Long.parseLong(field(run.out(), "events"))).isPositive();
    assertThat(field(run.out(), "anchored up to event")).matches("\\d+|none yet");
  }

  @Test
  void unknownSerialIsOneLineWithTheProblemCode() {
    Run run = admin("show", "0badc0de");
    assertThat(run.failure()).isPresent();
    assertThat(run.exitStatus()).as("refused by the service").isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.errLines())
        .singleElement()
        .asString()
        .startsWith("error: not-found: no certificate with serial");
  }

  @Test
  void aWrongTokenIsOneLineAndNeverPrinted() {
    Run run = admin("expiring", "--token", "not-the-token-s3cr3t");
    assertThat(run.failure()).isPresent();
    assertThat(run.errLines()).singleElement().asString().contains("unauthenticated");
    assertThat(run.exitStatus()).isEqualTo(2);
    assertThat(run.out() + run.err()).doesNotContain("s3cr3t");
    Run bridge = admin("verify-audit", "--token", EmbeddedCaForClients.BRIDGE_TOKEN);
    assertThat(bridge.errLines()).singleElement().asString().startsWith("error: forbidden: ");
  }

  @Test
  void badArgumentsAreAnErrorWithoutACall() {
    assertThat(admin("expiring", "--limit", "0").exitStatus()).isEqualTo(1);
    assertThat(admin("audit", "--before", "x").exitStatus()).isEqualTo(1);
    assertThat(admin("no-such-verb").exitStatus()).isEqualTo(1);
    Run since = admin("audit", "--since", "2026-05-02", "--until", "2026-05-01");
    assertThat(since.exitStatus()).isEqualTo(1);
    assertThat(since.errLines()).singleElement().asString().startsWith("error: --since ");
  }

  @Test
  void auditShowsTheNewestEventsFilteredAndPaged() throws Exception {
    String first = issueStation("CS-CLI-AUDIT-1");
    String second = issueStation("CS-CLI-AUDIT-2");
    Run newest = admin("audit", "--action", "issue", "--actor", "test-admin", "--limit", "1");
    assertThat(newest.failure()).as(newest.err()).isEmpty();
    List<String> lines = newest.out().lines().toList();
    assertThat(lines.get(0)).matches("ID +AT +ACTOR +ACTION +TARGET +OUTCOME +DETAIL");
    assertThat(lines.get(1)).contains("test-admin", "issue", second, "CN=CS-CLI-AUDIT-2");
    Matcher older = Pattern.compile("\\(older events: --before (\\d+)\\)").matcher(lines.get(2));
    assertThat(older.matches()).as(newest.out()).isTrue();

    Run next =
        admin("audit", "--action", "issue", "--limit", "1", "--before", older.group(1), "--json");
    JsonNode page = JSON.readTree(next.out());
    assertThat(page).hasSize(1);
    assertThat(page.get(0).path("target").asText()).endsWith("/" + first);
    assertThat(page.get(0).path("hash").asText()).matches("[0-9a-f]{64}");

    Run none = admin("audit", "--since", "2999-01-01");
    assertThat(none.out()).isEqualTo("no audit event matches\n");
    assertThat(none.exitStatus()).isZero();
    Run bridge = admin("audit", "--token", EmbeddedCaForClients.BRIDGE_TOKEN);
    assertThat(bridge.exitStatus()).isEqualTo(2);
    assertThat(bridge.errLines()).singleElement().asString().startsWith("error: forbidden: ");
  }

  @Test
  void anUnreachableServiceIsOneLine() throws Exception {
    int port;
    port = FreePorts.next();
    Run run = admin("cas", "--url", "http://127.0.0.1:" + port);
    assertThat(run.failure()).isPresent();
    assertThat(run.exitStatus()).isEqualTo(1);
    assertThat(run.errLines())
        .singleElement()
        .asString()
        .isEqualTo("error: cannot reach http://127.0.0.1:" + port + ": Connection refused");
  }

  @Test
  void aMissingCsrFileIsOneLine() {
    Run run = admin("issue", "--profile", "secc-leaf", "--csr", dir.resolve("nope.pem").toString());
    assertThat(run.errLines()).singleElement().asString().endsWith("nope.pem: no such file");
    assertThat(run.exitStatus()).isEqualTo(1);
  }

  @Test
  void aTamperedAuditLogFailsVerification() {
    Run before = admin("verify-audit");
    assertThat(before.failure()).as(before.err()).isEmpty();
    Optional<String> original =
        ca.jdbi()
            .withHandle(
                h ->
                    h.createQuery("select detail from audit_event where id = 1")
                        .mapTo(String.class)
                        .findOne());
    // an attacker with database superuser rights edits a row past the append-only trigger
    setFirstAuditDetail("edited");
    try {
      Run run = admin("verify-audit");
      assertThat(run.failure()).isPresent();
      assertThat(run.exitStatus()).as("a negative check").isEqualTo(3);
      assertThat(field(run.out(), "intact")).isEqualTo("NO");
      assertThat(run.errLines())
          .singleElement()
          .asString()
          .startsWith("error: audit log broken: event 1: ");
    } finally {
      setFirstAuditDetail(original.orElse(null)); // the other tests expect an intact log
    }
  }

  private static void setFirstAuditDetail(String detail) {
    ca.jdbi()
        .useTransaction(
            h -> {
              h.execute("set local session_replication_role = replica");
              h.createUpdate("update audit_event set detail = :d where id = 1")
                  .bind("d", detail)
                  .execute();
            });
  }
}
