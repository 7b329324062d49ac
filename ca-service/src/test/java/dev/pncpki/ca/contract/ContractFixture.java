package dev.pncpki.ca.contract;

import dev.pncpki.ca.app.OemPki;
import dev.pncpki.ca.auth.Caller;
import dev.pncpki.ca.auth.Role;
import dev.pncpki.ca.ceremony.TestHierarchy;
import dev.pncpki.ca.issuance.CertificateAuthority;
import dev.pncpki.ca.issuance.CertificateRecords;
import dev.pncpki.ca.issuance.Hierarchy;
import dev.pncpki.ca.issuance.HierarchyImport;
import dev.pncpki.ca.issuance.InFlight;
import dev.pncpki.ca.issuance.InMemoryIssuanceStore;
import dev.pncpki.contract.ContractProvisioner;
import dev.pncpki.policies.profile.Suite;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * The contract feature on in-memory stores, for unit tests: an MO and a CPS hierarchy made by the
 * real ceremony with software keys, tenants mo-x (DEPNC), mo-y (DEMOY), oem-a (WMA), oem-b (WMB),
 * and a vehicle of a test OEM PKI pooled for oem-a.
 */
public final class ContractFixture {
  public static final String PLAN =
      """
      certificates:
        - {id: mo-root, profile: mo-root, validityDays: 3650,
           subject: {commonName: Test MO Root, organization: Test MO, country: DE}}
        - {id: mo-sub-ca-1, profile: mo-sub-ca-1, issuer: mo-root, validityDays: 1000,
           subject: {commonName: Test MO Sub-CA 1, organization: Test MO, country: DE}}
        - {id: mo-sub-ca-2, profile: mo-sub-ca-2, issuer: mo-sub-ca-1, validityDays: 700,
           subject: {commonName: Test MO Sub-CA 2, organization: Test MO, country: DE}}
        - {id: v2g-root, profile: v2g-root, validityDays: 3650,
           subject: {commonName: Test V2G Root, organization: Test, country: DE}}
        - {id: cps-sub-ca-1, profile: cps-sub-ca-1, issuer: v2g-root, validityDays: 1000,
           subject: {commonName: Test CPS Sub-CA 1, organization: Test CPS, country: DE}}
        - {id: cps-sub-ca-2, profile: cps-sub-ca-2, issuer: cps-sub-ca-1, validityDays: 700,
           subject: {commonName: Test CPS Sub-CA 2, organization: Test CPS, country: DE}}
        - {id: cps-leaf, profile: cps-leaf, issuer: cps-sub-ca-2, validityDays: 90,
           subject: {commonName: Test CPS Leaf, organization: Test CPS, country: DE}}
      """;
  public static final Caller MO_X =
      new Caller("mo-x", Set.of(Role.parse("mo:mo-x")), Optional.empty());
  public static final Caller MO_Y =
      new Caller("mo-y", Set.of(Role.parse("mo:mo-y")), Optional.empty());
  public static final Caller OEM_A =
      new Caller("oem-a", Set.of(Role.parse("oem:oem-a")), Optional.empty());
  public static final Caller OEM_B =
      new Caller("oem-b", Set.of(Role.parse("oem:oem-b")), Optional.empty());
  public static final Caller ADMIN = new Caller("alice", Set.of(Role.ADMIN), Optional.empty());
  public static final String PCID = "WMA00000000000001";

  public final Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
  public final MovableClock clock = new MovableClock(t0.plus(Duration.ofDays(1)));
  public final InMemoryIssuanceStore certificates = new InMemoryIssuanceStore();
  public final InMemoryContractStore store = new InMemoryContractStore(certificates);
  public final Hierarchy hierarchy;
  public final Tenants tenants;
  public final ProvisioningPool pool;
  public final Contracts contracts;
  public final OemPki oem;
  public final X509CertificateHolder vehicle;

  public ContractFixture(Path dir) throws Exception {
    var made = TestHierarchy.in(dir);
    made.run(PLAN, t0);
    hierarchy = new Hierarchy(HierarchyImport.rows(made.directory()));
    var authority =
        new CertificateAuthority(
            certificates,
            hierarchy,
            made.backend(),
            clock,
            new SecureRandom(),
            new InFlight(() -> 1));
    tenants =
        new Tenants(
            List.of(
                new ContractSettings.Tenant("mo:mo-x", "MO X", List.of("DEPNC"), null),
                new ContractSettings.Tenant("mo:mo-y", "MO Y", List.of("DEMOY"), null),
                new ContractSettings.Tenant("oem:oem-a", null, null, List.of("WMA")),
                new ContractSettings.Tenant("oem:oem-b", null, null, List.of("WMB"))));
    // upload's trust anchors and revocation check are not used by these tests
    pool =
        new ProvisioningPool(
            store, tenants, null, null, ContractSettings.RevocationCheckMode.OFF, clock);
    contracts =
        new Contracts(
            store,
            tenants,
            pool,
            authority,
            new CertificateRecords(certificates, hierarchy, clock, List.of()),
            new ContractProvisioner(),
            Duration.ofDays(60),
            clock);
    oem = new OemPki("Test OEM", "secp256r1");
    vehicle = oem.vehicle(PCID).certificate();
    store.addProvisioning(
        new ProvisioningRow(
            PCID,
            "oem-a",
            Suite.ISO15118_2.label(),
            vehicle.getEncoded(),
            oem.sub2.getEncoded(),
            oem.sub1.getEncoded(),
            "oem-root-a",
            vehicle.getNotAfter().toInstant(),
            "good",
            "oem-a",
            t0),
        dev.pncpki.ca.audit.AuditEvent.done(clock, "oem-a", "provisioning-upload", PCID, "good"));
  }

  /** A clock the test moves forward, e.g. into the renewal window. */
  public static final class MovableClock extends Clock {
    private Instant now;

    MovableClock(Instant now) {
      this.now = now;
    }

    public void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
