package dev.pncpki.bridge.certificates;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pncpki.bridge.ocpp.OcppVersion;
import dev.pncpki.bridge.station.Channel;
import dev.pncpki.bridge.station.Handler;
import dev.pncpki.bridge.station.InMemoryStations;
import dev.pncpki.bridge.station.Route;
import dev.pncpki.bridge.station.SecurityLog;
import dev.pncpki.bridge.station.StationDirectory;
import dev.pncpki.bridge.store.SigningRequests;
import dev.pncpki.bridge.store.SigningRequests.Admission;
import dev.pncpki.bridge.trust.InMemoryV2gRootPins;
import dev.pncpki.bridge.trust.V2gRootPolicy;
import dev.pncpki.policies.profile.ProfileCatalog;
import dev.pncpki.policies.profile.ProfileId;
import java.io.StringWriter;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a station hears for its SignCertificate: Accepted only for a CSR the store admitted (and
 * then it is issued), Rejected with the reason for a CSR that fails its checks, while another of
 * the type is outstanding, or beyond the issuance rate; every refusal is a security event.
 */
class SignCertificateHandlerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SigningRequests.Limit LIMIT =
      new SigningRequests.Limit(3, Duration.ofHours(1));

  private final RecordingSigningRequests requests = new RecordingSigningRequests();
  private final List<SigningRequests.Pending> issuedNow = new ArrayList<>();
  private final List<String> events = new ArrayList<>();
  private static final String SECC = "DE-ICE-S-00003C4D557878675645330967543476-2";
  private SignCertificateHandler handler;
  private final InMemoryV2gRootPins pins = new InMemoryV2gRootPins();

  @BeforeEach
  void setUp() {
    var registry = new InMemoryStations();
    registry.seed(
        dev.pncpki.bridge.station.Station.registered(
            "CS-T1",
            dev.pncpki.bridge.station.SecurityProfile.BASIC,
            Optional.of(dev.pncpki.bridge.station.PasswordHash.of("a password of the station")),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            List.of(SECC),
            "test",
            java.time.Instant.EPOCH));
    handler =
        new SignCertificateHandler(
            new StationDirectory(registry, registry, "Demo CPO"),
            "Demo CPO",
            requests,
            LIMIT,
            issuedNow::add,
            new SecurityLog() {
              @Override
              public void bridge(String stationId, String type, String detail) {
                events.add(stationId + " " + type + " " + detail);
              }

              @Override
              public void station(String stationId, String type, String detail) {}
            },
            new V2gRootPolicy(pins, Optional.empty()));
  }

  private record Station(OcppVersion version) implements Channel {
    @Override
    public String stationId() {
      return "CS-T1";
    }

    @Override
    public CompletableFuture<JsonNode> call(String action, JsonNode payload) {
      throw new AssertionError("the handler sends nothing itself");
    }
  }

  private static SigningRequests.Pending pending(long id) {
    return new SigningRequests.Pending(
        id,
        "CS-T1",
        "ChargingStationCertificate",
        Route.OCPP201,
        "csr",
        ProfileCatalog.byLabel(ProfileId.CHARGING_STATION_CLIENT.label()),
        "CS-T1",
        Optional.empty(),
        Optional.empty(),
        "ocpp-csr-x",
        1);
  }

  /** A SignCertificate payload with a CSR for the station's SECC ID, on {@code curve}. */
  private static com.fasterxml.jackson.databind.node.ObjectNode seccRequest(
      String curve, String certificateType) throws Exception {
    return JSON.createObjectNode()
        .put("csr", dev.pncpki.ca.testing.Csrs.csr("CN=" + SECC + ", O=Demo CPO, C=DE", curve))
        .put("certificateType", certificateType);
  }

  private Handler.Reply sign(OcppVersion version, String csr) {
    var payload = JSON.createObjectNode().put("csr", csr);
    if (version == OcppVersion.OCPP201) {
      payload.put("certificateType", "ChargingStationCertificate");
    }
    return handler.handle(new Station(version), payload);
  }

  @Test
  void anAdmittedCsrIsAcceptedAndThenIssued() throws Exception {
    requests.answer = new Admission.Admitted(pending(5));
    String csr = csr("CS-T1");

    Handler.Reply reply = sign(OcppVersion.OCPP201, csr);

    assertThat(reply.payload().path("status").asText()).isEqualTo("Accepted");
    assertThat(issuedNow).as("issued only once the answer is out").isEmpty();
    reply.then().orElseThrow().run();
    assertThat(issuedNow).extracting(SigningRequests.Pending::id).containsExactly(5L);
    var received = requests.received.get(0);
    assertThat(received.stationId()).isEqualTo("CS-T1");
    assertThat(received.certificateType()).isEqualTo("ChargingStationCertificate");
    assertThat(received.profile().id()).isEqualTo(ProfileId.CHARGING_STATION_CLIENT);
    assertThat(received.identity()).isEqualTo("CS-T1");
    assertThat(received.route()).isEqualTo(Route.OCPP201);
    assertThat(received.csr()).isEqualTo(csr);
    assertThat(events).isEmpty();
  }

  @Test
  void aV2gCsrAsksForTheRootTheStationsPolicyNamesAndAStationCertificateForNone() throws Exception {
    var root = new dev.pncpki.bridge.trust.RootFingerprint("5a".repeat(32));
    pins.issued("CS-T1", root);
    requests.answer = new Admission.Admitted(pending(6));
    var payload = seccRequest("secp256r1", "V2GCertificate");
    var reply = handler.handle(new Station(OcppVersion.OCPP201), payload);
    assertThat(reply.payload().path("status").asText())
        .as(reply.payload().toString())
        .isEqualTo("Accepted");
    assertThat(requests.received.get(0).profile().id()).isEqualTo(ProfileId.SECC_LEAF);
    assertThat(requests.received.get(0).root()).as("the root of its current leaf").contains(root);

    requests.answer = new Admission.Admitted(pending(7));
    sign(OcppVersion.OCPP201, csr("CS-T1"));
    assertThat(requests.received.get(1).root()).as("a charging-station certificate").isEmpty();
  }

  @Test
  void onOcpp21TheRequestIdIsRecordedForItsCertificateSigned() throws Exception {
    requests.answer = new Admission.Admitted(pending(8));
    var payload =
        JSON.createObjectNode()
            .put("csr", csr("CS-T1"))
            .put("certificateType", "ChargingStationCertificate")
            .put("requestId", 4711);
    var reply = handler.handle(new Station(OcppVersion.OCPP21), payload);
    assertThat(reply.payload().path("status").asText()).isEqualTo("Accepted");
    assertThat(requests.received.get(0).requestId()).contains(4711);
    assertThat(requests.received.get(0).route()).isEqualTo(Route.OCPP21);
  }

  @Test
  void aRequestIdBeyond32BitsIsRejectedNotTruncated() throws Exception {
    var payload =
        JSON.createObjectNode()
            .put("csr", csr("CS-T1"))
            .put("certificateType", "ChargingStationCertificate")
            .put("requestId", 4_294_967_297L);
    var reply = handler.handle(new Station(OcppVersion.OCPP21), payload);
    assertThat(reply.payload().path("status").asText()).isEqualTo("Rejected");
    assertThat(reply.payload().at("/statusInfo/reasonCode").asText()).isEqualTo("InvalidRequestId");
    assertThat(requests.received).isEmpty();
  }

  @Test
  void aRequestIdUsedForAnotherCsrIsRejected() throws Exception {
    requests.answer = new Admission.RequestIdReused(3);
    var payload =
        JSON.createObjectNode()
            .put("csr", csr("CS-T1"))
            .put("certificateType", "ChargingStationCertificate")
            .put("requestId", 1);
    var reply = handler.handle(new Station(OcppVersion.OCPP21), payload);
    assertThat(reply.payload().path("status").asText()).isEqualTo("Rejected");
    assertThat(reply.payload().at("/statusInfo/reasonCode").asText())
        .isEqualTo("DuplicateRequestId");
    assertThat(reply.payload().at("/statusInfo/additionalInfo").asText())
        .contains("requestId 1", "signing request 3");
    assertThat(reply.then()).isEmpty();
    assertThat(events).singleElement().asString().contains("CsrRefused");
  }

  @Test
  void aRootTheTrustListCannotVouchForIsRejectedBeforeAnythingIsRecorded() throws Exception {
    // this handler's policy has no trust list: no root a station names can be issued under
    var payload = seccRequest("secp256r1", "V2GCertificate").put("requestId", 2);
    payload
        .putObject("hashRootCertificate")
        .put("hashAlgorithm", "SHA256")
        .put("issuerNameHash", "ab".repeat(32))
        .put("issuerKeyHash", "cd".repeat(32))
        .put("serialNumber", "1");
    var reply = handler.handle(new Station(OcppVersion.OCPP21), payload);
    assertThat(reply.payload().path("status").asText()).isEqualTo("Rejected");
    assertThat(reply.payload().at("/statusInfo/reasonCode").asText()).isEqualTo("UnknownRootCert");
    assertThat(requests.received).as("nothing recorded").isEmpty();
  }

  @Test
  void anIso15118Dash20CertificateNeedsAP521KeyAndComesFromTheP521Chain() throws Exception {
    var p256 = seccRequest("secp256r1", "V2G20Certificate");
    var refused = handler.handle(new Station(OcppVersion.OCPP21), p256);
    assertThat(refused.payload().path("status").asText()).isEqualTo("Rejected");
    assertThat(refused.payload().at("/statusInfo/additionalInfo").asText()).contains("secp521r1");
    assertThat(requests.received).isEmpty();

    pins.issued("CS-T1", new dev.pncpki.bridge.trust.RootFingerprint("5a".repeat(32)));
    requests.answer = new Admission.Admitted(pending(9));
    var p521 = seccRequest("secp521r1", "V2G20Certificate").put("requestId", 20);
    var accepted = handler.handle(new Station(OcppVersion.OCPP21), p521);
    assertThat(accepted.payload().path("status").asText())
        .as(accepted.payload().toString())
        .isEqualTo("Accepted");
    var received = requests.received.get(0);
    assertThat(received.profile().label()).isEqualTo("secc-leaf@iso15118-20-p521");
    assertThat(received.certificateType()).isEqualTo("V2G20Certificate");
    assertThat(received.root()).as("the -2 leaf's root is not the -20 one's").isEmpty();
  }

  @Test
  void theSameCsrAgainIsAcceptedWithNothingNewToIssue() throws Exception {
    requests.answer = new Admission.Repeated(5);

    Handler.Reply reply = sign(OcppVersion.OCPP201, csr("CS-T1"));

    assertThat(reply.payload().path("status").asText()).isEqualTo("Accepted");
    assertThat(reply.then()).isEmpty();
    assertThat(events).isEmpty();
  }

  @Test
  void anotherCsrWhileOneIsOutstandingIsRejectedAndLogged() throws Exception {
    requests.answer = new Admission.Outstanding(5, Instant.parse("2026-01-01T10:00:00Z"));

    Handler.Reply reply = sign(OcppVersion.OCPP201, csr("CS-T1"));

    assertThat(reply.payload().path("status").asText()).isEqualTo("Rejected");
    assertThat(reply.payload().path("statusInfo").path("reasonCode").asText())
        .isEqualTo("CsrOutstanding");
    assertThat(reply.payload().path("statusInfo").path("additionalInfo").asText())
        .contains("signing request 5", "2026-01-01T10:00:00Z");
    assertThat(reply.then()).isEmpty();
    assertThat(events)
        .singleElement()
        .asString()
        .startsWith("CS-T1 CsrOutstanding ChargingStationCertificate: signing request 5");
  }

  @Test
  void beyondTheIssuanceRateTheCsrIsRejectedAndLogged() throws Exception {
    requests.answer = new Admission.Limited(3, LIMIT);

    Handler.Reply reply = sign(OcppVersion.OCPP201, csr("CS-T1"));

    assertThat(reply.payload().path("status").asText()).isEqualTo("Rejected");
    assertThat(reply.payload().path("statusInfo").path("reasonCode").asText())
        .isEqualTo("CsrRateLimit");
    assertThat(reply.then()).isEmpty();
    assertThat(events)
        .singleElement()
        .asString()
        .contains("CsrRefused", "3 certificates of this type within 3600 s");
  }

  @Test
  void ocpp16AnswersCarryNoStatusInfo() throws Exception {
    requests.answer = new Admission.Limited(3, LIMIT);

    Handler.Reply reply = sign(OcppVersion.OCPP16, csr("CS-T1"));

    assertThat(reply.payload().path("status").asText()).isEqualTo("Rejected");
    assertThat(reply.payload().has("statusInfo")).isFalse();
    assertThat(requests.received.get(0).route()).isEqualTo(Route.OCPP16);
  }

  @Test
  void aCsrThatFailsItsChecksIsRejectedBeforeAnythingIsRecorded() throws Exception {
    Handler.Reply reply = sign(OcppVersion.OCPP201, csr("CS-OTHER"));

    assertThat(reply.payload().path("status").asText()).isEqualTo("Rejected");
    assertThat(requests.received).isEmpty();
    assertThat(events).singleElement().asString().startsWith("CS-T1 CsrRefused");
  }

  private static String csr(String cn) throws Exception {
    var generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    var key = generator.generateKeyPair();
    var request =
        new JcaPKCS10CertificationRequestBuilder(
                new X500Name("CN=" + cn + ",O=Demo CPO"), key.getPublic())
            .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate()));
    var out = new StringWriter();
    try (var pem = new JcaPEMWriter(out)) {
      pem.writeObject(request);
    }
    return out.toString();
  }
}
