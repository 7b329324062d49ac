package dev.pncpki.ca.installation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pncpki.ca.contract.ContractFixture;
import dev.pncpki.ca.contract.ContractRow;
import dev.pncpki.ca.contract.Contracts;
import dev.pncpki.policies.id.Emaid;
import dev.pncpki.policies.profile.Suite;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks certificate installation makes before it answers a vehicle (ISO 15118-2 V2G2-886..
 * V2G2-899): the very provisioning certificate that was pooled, not expired; the PCID's newest
 * active contract, or one made by the configured operator; on in-memory stores. The vehicle's roots
 * choose the CPS chain ({@link CpsChainsTest}).
 */
class ProvisioningTest {
  @TempDir Path dir;
  private ContractFixture fixture;

  @BeforeEach
  void fixture() throws Exception {
    fixture = new ContractFixture(dir);
  }

  private Provisioning provisioning(Optional<NewContracts> newContracts) {
    return new Provisioning(
        fixture.pool, newContracts, fixture.store, fixture.hierarchy, fixture.clock);
  }

  private static void refused(Runnable call, Provisioning.Reason reason) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            Provisioning.Refusal.class, e -> assertThat(e.reason).isEqualTo(reason));
  }

  @Test
  void theVeryProvisioningCertificateThatWasPooledIsFoundByItsPcid() throws Exception {
    byte[] der = fixture.vehicle.getEncoded();
    var pooled = provisioning(Optional.empty()).pooled(Provisioning.certificate(der), der);
    assertThat(pooled.pcid()).isEqualTo(ContractFixture.PCID);
  }

  @Test
  void anotherCertificateWithThePooledPcidOrAnUnknownOneIsRefused() throws Exception {
    byte[] other = fixture.oem.vehicle(ContractFixture.PCID).certificate().getEncoded();
    refused(
        () -> provisioning(Optional.empty()).pooled(Provisioning.certificate(other), other),
        Provisioning.Reason.UNKNOWN_CERTIFICATE);
    byte[] unknown = fixture.oem.vehicle("WMA00000000000002").certificate().getEncoded();
    refused(
        () -> provisioning(Optional.empty()).pooled(Provisioning.certificate(unknown), unknown),
        Provisioning.Reason.UNKNOWN_CERTIFICATE);
    refused(
        () -> Provisioning.certificate(new byte[] {1, 2, 3}),
        Provisioning.Reason.UNKNOWN_CERTIFICATE);
  }

  @Test
  void anExpiredProvisioningCertificateIsRefused() throws Exception {
    byte[] der = fixture.vehicle.getEncoded();
    fixture.clock.advance(Duration.ofDays(4000));
    refused(
        () -> provisioning(Optional.empty()).pooled(Provisioning.certificate(der), der),
        Provisioning.Reason.EXPIRED);
  }

  @Test
  void theNewestActiveContractOfTheSuiteIsDelivered() {
    String emaid = Emaid.allocate("DE", "PNC", "C0NTRACT1").value();
    ContractRow issued =
        fixture.contracts.issue(
            ContractFixture.MO_X,
            new Contracts.IssueContract(ContractFixture.PCID, emaid, null, 30));

    ContractRow found =
        provisioning(Optional.empty())
            .contract(
                ContractFixture.PCID, Suite.ISO15118_2.label(), "urn:iso:15118:2:2013:MsgDef");
    assertThat(found.id()).isEqualTo(issued.id());
    refused(
        () ->
            provisioning(Optional.empty())
                .contract(
                    ContractFixture.PCID,
                    Suite.ISO15118_20_P521.label(),
                    "urn:iso:std:iso:15118:-20:CommonMessages"),
        Provisioning.Reason.NO_CONTRACT);
  }

  @Test
  void withoutAContractTheConfiguredOperatorMakesOneOrTheAnswerIsNoContract() {
    refused(
        () ->
            provisioning(Optional.empty())
                .contract(
                    ContractFixture.PCID, Suite.ISO15118_2.label(), "urn:iso:15118:2:2013:MsgDef"),
        Provisioning.Reason.NO_CONTRACT);

    var made =
        provisioning(Optional.of(new NewContracts(fixture.contracts, "mo:mo-x")))
            .contract(
                ContractFixture.PCID, Suite.ISO15118_2.label(), "urn:iso:15118:2:2013:MsgDef");
    assertThat(made.mo()).isEqualTo("mo-x");
    assertThat(made.emaid()).startsWith("DEPNC");
    assertThat(fixture.certificates.events())
        .anySatisfy(e -> assertThat(e.actor()).isEqualTo("iso15118-installation"));
  }

  @Test
  void aSubjectWhoseCnIsNotAStringIsAnUnknownCertificateNotAnError() throws Exception {
    var key = java.security.KeyPairGenerator.getInstance("EC");
    key.initialize(256);
    var pair = key.generateKeyPair();
    var subject =
        new org.bouncycastle.asn1.x500.X500Name(
            new org.bouncycastle.asn1.x500.RDN[] {
              new org.bouncycastle.asn1.x500.RDN(
                  org.bouncycastle.asn1.x500.style.BCStyle.CN,
                  new org.bouncycastle.asn1.ASN1Integer(42))
            });
    var certificate =
        new org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder(
                subject,
                BigInteger.ONE,
                new java.util.Date(),
                new java.util.Date(System.currentTimeMillis() + 86_400_000L),
                subject,
                pair.getPublic())
            .build(
                new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withECDSA")
                    .build(pair.getPrivate()));
    byte[] der = certificate.getEncoded();
    refused(
        () -> provisioning(Optional.empty()).pooled(Provisioning.certificate(der), der),
        Provisioning.Reason.UNKNOWN_CERTIFICATE);
  }
}
