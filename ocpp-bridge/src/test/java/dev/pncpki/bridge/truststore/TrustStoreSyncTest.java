package dev.pncpki.bridge.truststore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pncpki.bridge.ocpp.CertificateHashData;
import dev.pncpki.bridge.ocpp.OcppVersion;
import dev.pncpki.bridge.outbox.Delivery;
import dev.pncpki.bridge.outbox.InMemoryOutbox;
import dev.pncpki.bridge.station.Route;
import dev.pncpki.bridge.trust.TrustedRoot;
import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/**
 * The trust-store loop on in-memory stores: ask, compare, and (enforcing) install what is missing
 * and delete what policy does not want, ask again once those ended, and leave the station alone
 * when it matches, when the same gap stays after the changes (it refused them), or when it does not
 * answer, until the check interval has passed; report mode changes nothing.
 */
class TrustStoreSyncTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
  private static final X509Certificate V2G = root("CN=V2G Root", 1, 3650);
  private static final X509Certificate MO = root("CN=MO Root", 2, 3650);
  private static final X509Certificate CSMS = root("CN=CSMS Root", 3, 3650);
  private static final X509Certificate GONE = root("CN=Gone Root", 4, 3650);
  private static final X509Certificate EXPIRED = root("CN=Old V2G Root", 5, -1);

  private final InMemoryOutbox outbox = new InMemoryOutbox();
  private final InMemoryTrustStoreChecks checks = new InMemoryTrustStoreChecks();
  private final AtomicReference<Instant> now = new AtomicReference<>(NOW);
  private final Map<String, OcppVersion> connected =
      Map.of("CS-2", OcppVersion.OCPP201, "CS-1", OcppVersion.OCPP16);

  private TrustStoreSync sync(String mode) {
    return sync(mode, Optional.of(trustList()));
  }

  private List<TrustedRoot> trustList() {
    return List.of(
        new TrustedRoot(TrustedRoot.Type.V2G, V2G, Optional.of("2"), "own v2g-root"),
        new TrustedRoot(TrustedRoot.Type.MO, MO, Optional.of("2"), "pool 1"),
        new TrustedRoot(TrustedRoot.Type.CSMS, CSMS, Optional.empty(), "pool 2"),
        new TrustedRoot(TrustedRoot.Type.V2G, EXPIRED, Optional.of("2"), "pool 3"),
        new TrustedRoot(
            TrustedRoot.Type.V2G, root("CN=V2G P-521", 6, 3650), Optional.of("20"), "pool 4"));
  }

  private TrustStoreSync sync(String mode, Optional<List<TrustedRoot>> trusted) {
    return new TrustStoreSync(
        checks,
        outbox,
        new TrustStoreSync.Stations() {
          @Override
          public List<String> connected() {
            return List.of("CS-2");
          }

          @Override
          public Optional<OcppVersion> version(String stationId) {
            return Optional.ofNullable(connected.get(stationId));
          }
        },
        () -> trusted,
        new TrustStoreSettings(
            mode,
            List.of("V2GRootCertificate", "MORootCertificate", "CSMSRootCertificate"),
            null,
            60),
        new Clock() {
          @Override
          public Instant instant() {
            return now.get();
          }

          @Override
          public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }
        });
  }

  @Test
  void enforcingInstallsWhatIsMissingDeletesWhatIsNotWantedAndAsksAgain() {
    var sync = sync("enforce");
    assertThat(sync.pass()).as("never asked: the query").isEqualTo(1);
    Delivery query = last();
    assertThat(query.action()).isEqualTo("GetInstalledCertificateIds");
    assertThat(query.payload().path("certificateType").toString())
        .isEqualTo("[\"V2GRootCertificate\",\"MORootCertificate\",\"CSMSRootCertificate\"]");
    assertThat(sync.pass()).as("its answer is awaited").isZero();

    answer(
        query,
        Map.of(GONE, "V2GRootCertificate", MO, "MORootCertificate", EXPIRED, "V2GRootCertificate"));
    assertThat(sync.pass())
        .as("install V2G and CSMS, delete the gone and the expired root")
        .isEqualTo(4);
    var sent = outbox.requests().subList(1, 5);
    assertThat(sent)
        .extracting(Delivery.Request::action)
        .containsExactly(
            "InstallCertificate", "InstallCertificate", "DeleteCertificate", "DeleteCertificate");
    assertThat(sent.get(0).payload().path("certificateType").asText())
        .isEqualTo("V2GRootCertificate");
    assertThat(sent.get(1).payload().path("certificateType").asText())
        .isEqualTo("CSMSRootCertificate");
    assertThat(checks.find("CS-2").orElseThrow().inSync()).contains(false);
    assertThat(checks.find("CS-2").orElseThrow().detail())
        .contains("missing V2GRootCertificate CN=V2G Root")
        .contains("not in policy V2GRootCertificate serial 4");
    assertThat(sync.pass()).as("the changes are on their way").isZero();

    for (long id = 2; id <= 5; id++) {
      outbox.settle(
          id,
          Delivery.State.ANSWERED,
          Optional.of(JSON.createObjectNode().put("status", "Accepted")));
    }
    assertThat(sync.pass()).as("asked again once they ended").isEqualTo(1);
    answer(
        last(),
        Map.of(V2G, "V2GRootCertificate", MO, "MORootCertificate", CSMS, "CSMSRootCertificate"));
    assertThat(sync.pass()).isZero();
    assertThat(checks.find("CS-2").orElseThrow().inSync()).contains(true);
    assertThat(sync.pass()).as("in sync: left alone").isZero();
    now.set(NOW.plusSeconds(61));
    assertThat(sync.pass()).as("after the check interval: asked again").isEqualTo(1);
  }

  @Test
  void aGapTheChangesDidNotCloseIsNotRetriedAtOnce() {
    var sync = sync("enforce");
    sync.pass();
    answer(last(), Map.of(MO, "MORootCertificate"));
    assertThat(sync.pass()).isEqualTo(2);
    outbox.settle(2, Delivery.State.FAILED, Optional.empty());
    outbox.settle(3, Delivery.State.FAILED, Optional.empty());
    assertThat(sync.pass()).isEqualTo(1);
    answer(last(), Map.of(MO, "MORootCertificate")); // it refused both
    assertThat(sync.pass()).as("the same gap: not sent again").isZero();
    assertThat(checks.find("CS-2").orElseThrow().inSync()).contains(false);
    assertThat(sync.pass()).isZero();
  }

  @Test
  void reportModeOnlyRecordsAndAStationThatDoesNotAnswerIsUnknown() {
    var sync = sync("report");
    sync.pass();
    answer(last(), Map.of(GONE, "V2GRootCertificate"));
    assertThat(sync.pass()).as("report: nothing sent").isZero();
    assertThat(checks.find("CS-2").orElseThrow().missing()).isEqualTo(3);
    assertThat(checks.find("CS-2").orElseThrow().extra()).isEqualTo(1);

    now.set(NOW.plusSeconds(61));
    sync.pass();
    outbox.settle(last().id(), Delivery.State.FAILED, Optional.empty());
    assertThat(sync.pass()).isZero();
    var unknown = checks.find("CS-2").orElseThrow();
    assertThat(unknown.inSync()).isEmpty();
    assertThat(unknown.detail()).contains("did not answer GetInstalledCertificateIds");
    assertThat(sync.pass()).as("not asked again before the interval").isZero();
  }

  @Test
  void nothingIsComparedBeforeTheTrustListIsReadAndNoTypeIsEmptied() {
    var unread = sync("enforce", Optional.empty());
    unread.pass();
    answer(last(), Map.of(V2G, "V2GRootCertificate", MO, "MORootCertificate"));
    assertThat(unread.pass()).as("an unread trust list deletes nothing").isZero();
    assertThat(checks.find("CS-2").orElseThrow().evaluated()).isEmpty();

    // a trust list without MO roots: the station's MO root is not in policy, but it is kept
    var noMo =
        sync(
            "enforce",
            Optional.of(
                List.of(new TrustedRoot(TrustedRoot.Type.V2G, V2G, Optional.of("2"), "own"))));
    assertThat(noMo.pass()).as("nothing missing; the MO root is beyond policy but kept").isZero();
    assertThat(checks.find("CS-2").orElseThrow().extra()).isEqualTo(1);
    assertThat(outbox.requests())
        .extracting(Delivery.Request::action)
        .containsExactly("GetInstalledCertificateIds");
  }

  @Test
  void anOcpp16StationIsAskedThroughPlugAndChargeForItsTypesOnly() {
    var desired =
        DesiredRoots.of(
            List.of(
                new TrustedRoot(TrustedRoot.Type.V2G, V2G, Optional.of("2"), "own"),
                new TrustedRoot(TrustedRoot.Type.CSMS, CSMS, Optional.empty(), "pool"),
                new TrustedRoot(TrustedRoot.Type.OEM, MO, Optional.of("2"), "own oem")),
            new TrustStoreSettings(
                "enforce", List.of("V2GRootCertificate", "CSMSRootCertificate"), null, null),
            OcppVersion.OCPP16,
            NOW);
    assertThat(desired)
        .extracting(DesiredRoots.Wanted::certificateType)
        .containsExactly("V2GRootCertificate");
    var query =
        dev.pncpki.bridge.outbox.RootCalls.installed(
            "CS-1", OcppVersion.OCPP16, List.of("V2GRootCertificate", "MORootCertificate"), "t");
    assertThat(query.route()).isEqualTo(Route.OCPP16_PNC);
  }

  @Test
  void anOemRootIsAnOcpp21StationsToHoldOnly() {
    var trusted =
        List.of(
            new TrustedRoot(TrustedRoot.Type.V2G, V2G, Optional.of("2"), "own"),
            new TrustedRoot(TrustedRoot.Type.OEM, MO, Optional.of("2"), "own oem"));
    var settings =
        new TrustStoreSettings(
            "enforce", List.of("V2GRootCertificate", "OEMRootCertificate"), null, null);
    assertThat(DesiredRoots.of(trusted, settings, OcppVersion.OCPP21, NOW))
        .extracting(DesiredRoots.Wanted::certificateType)
        .containsExactly("V2GRootCertificate", "OEMRootCertificate");
    assertThat(DesiredRoots.of(trusted, settings, OcppVersion.OCPP201, NOW))
        .extracting(DesiredRoots.Wanted::certificateType)
        .containsExactly("V2GRootCertificate");
    assertThat(DesiredRoots.of(trusted, settings, OcppVersion.OCPP16, NOW))
        .extracting(DesiredRoots.Wanted::certificateType)
        .containsExactly("V2GRootCertificate");
    var install =
        dev.pncpki.bridge.outbox.RootCalls.install(
            "CS-1", OcppVersion.OCPP21, "OEMRootCertificate", "PEM", "t");
    assertThat(install.route()).isEqualTo(Route.OCPP21);
    assertThat(install.payload().path("certificateType").asText()).isEqualTo("OEMRootCertificate");
  }

  private Delivery last() {
    return outbox.find(outbox.requests().size()).orElseThrow();
  }

  /** The station's GetInstalledCertificateIds answer: these roots, as these types. */
  private void answer(Delivery query, Map<X509Certificate, String> roots) {
    ObjectNode answer = JSON.createObjectNode().put("status", "Accepted");
    ArrayNode chains = answer.putArray("certificateHashDataChain");
    List<X509Certificate> ordered = new ArrayList<>(roots.keySet());
    ordered.sort((a, b) -> a.getSerialNumber().compareTo(b.getSerialNumber()));
    for (X509Certificate r : ordered) {
      chains
          .addObject()
          .put("certificateType", roots.get(r))
          .set("certificateHashData", CertificateHashData.of(r, r));
    }
    outbox.settle(query.id(), Delivery.State.ANSWERED, Optional.<JsonNode>of(answer));
  }

  private static X509Certificate root(String name, long serial, int days) {
    try {
      var generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      var keys = generator.generateKeyPair();
      var builder =
          new X509v3CertificateBuilder(
              new X500Name(name),
              BigInteger.valueOf(serial),
              Date.from(NOW.minus(Duration.ofDays(10))),
              Date.from(NOW.plus(Duration.ofDays(days))),
              new X500Name(name),
              SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()));
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
      return new JcaX509CertificateConverter()
          .getCertificate(
              builder.build(
                  new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
