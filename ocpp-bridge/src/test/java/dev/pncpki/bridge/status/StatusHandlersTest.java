package dev.pncpki.bridge.status;

import static dev.pncpki.bridge.status.StandInResponder.CA;
import static dev.pncpki.bridge.status.StandInResponder.CA_KEYS;
import static dev.pncpki.bridge.status.StandInResponder.CA_NAME;
import static dev.pncpki.bridge.status.StandInResponder.NOW;
import static dev.pncpki.bridge.status.StandInResponder.PREFIX;
import static dev.pncpki.bridge.status.StandInResponder.SIGNER;
import static dev.pncpki.bridge.status.StandInResponder.SIGNER_KEYS;
import static dev.pncpki.bridge.status.StandInResponder.certificate;
import static dev.pncpki.bridge.status.StandInResponder.keys;
import static dev.pncpki.bridge.status.StandInResponder.response;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pncpki.bridge.ocpp.OcppVersion;
import dev.pncpki.bridge.station.Channel;
import dev.pncpki.bridge.station.Handler;
import dev.pncpki.bridge.station.SecurityLog;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * GetCertificateStatus (OCPP 2.0.1 M06) against a stand-in for the CA's OCSP responder: the station
 * gets what the responder answered, and the fleet view hears only answers the bridge verified (RFC
 * 6960 section 3.2), good or revoked. A refused or failed lookup leaves the last one standing.
 */
class StatusHandlersTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final BigInteger SERIAL = new BigInteger("1f2e3d4c5b6a", 16);

  private final List<String> heard = new ArrayList<>();
  private StandInResponder responder;
  private Handler handler;

  /** A station as the handler sees it. */
  record Station(String stationId, OcppVersion version) implements Channel {
    @Override
    public CompletableFuture<JsonNode> call(String action, JsonNode payload) {
      throw new UnsupportedOperationException();
    }
  }

  @BeforeEach
  void start() throws IOException {
    responder = new StandInResponder();
    OcspLog log =
        (station, serial, status, thisUpdate, nextUpdate) ->
            heard.add(
                station + " " + serial + " " + status.wire() + " " + nextUpdate.orElseThrow());
    var events =
        new SecurityLog() {
          @Override
          public void bridge(String stationId, String type, String detail) {}

          @Override
          public void station(String stationId, String type, String detail) {}
        };
    handler =
        StatusHandlers.of(
                responder.client(),
                dev.pncpki.bridge.trust.ContractRoots.of(java.util.List.of()),
                java.net.http.HttpClient.newHttpClient(),
                events,
                log,
                CLOCK)
            .get("GetCertificateStatus");
  }

  @AfterEach
  void stop() {
    responder.close();
  }

  @Test
  void aVerifiedGoodOrRevokedAnswerIsHandedOnAndRecorded() throws Exception {
    responder.body.set(response(SERIAL, CertificateStatus.GOOD, SIGNER_KEYS, SIGNER));
    assertThat(ask(PREFIX + "sub-ca-2").path("status").asText()).isEqualTo("Accepted");
    responder.body.set(
        response(SERIAL, new RevokedStatus(Date.from(NOW.minusSeconds(60)), 1), CA_KEYS, CA));
    assertThat(ask(PREFIX + "sub-ca-2").path("status").asText()).isEqualTo("Accepted");
    assertThat(heard)
        .containsExactly(
            "CS-1 1f2e3d4c5b6a good " + NOW.plus(Duration.ofDays(1)),
            "CS-1 1f2e3d4c5b6a revoked " + NOW.plus(Duration.ofDays(1)));
  }

  @Test
  void aForeignResponderOrAFailedLookupRecordsNothing() throws Exception {
    responder.body.set(response(SERIAL, CertificateStatus.GOOD, SIGNER_KEYS, SIGNER));
    ask(PREFIX + "sub-ca-2");
    heard.clear();
    ObjectNode foreign = ask("http://ocsp.elsewhere.example/ocsp/sub-ca-2");
    assertThat(foreign.path("status").asText()).isEqualTo("Failed");
    assertThat(foreign.path("statusInfo").path("reasonCode").asText()).isEqualTo("OCSPFailed");
    responder.body.set("not OCSP".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    assertThat(ask(PREFIX + "sub-ca-2").path("status").asText()).isEqualTo("Accepted");
    responder.httpStatus.set(500);
    assertThat(ask(PREFIX + "sub-ca-2").path("status").asText()).isEqualTo("Failed");
    int asked = responder.asked.get();
    ObjectNode resting = ask(PREFIX + "sub-ca-2");
    assertThat(resting.path("statusInfo").path("additionalInfo").asText())
        .as("a responder that failed rests: no request for 30 s")
        .contains("failed just now");
    assertThat(responder.asked).hasValue(asked);
    assertThat(heard).as("the last good answer stands").isEmpty();
  }

  @Test
  void answersTheBridgeCannotVouchForAreHandedOnButNotRecorded() throws Exception {
    List<byte[]> unverifiable =
        List.of(
            // unknown says nothing about the certificate
            response(SERIAL, new UnknownStatus(), SIGNER_KEYS, SIGNER),
            // another certificate's status
            response(SERIAL.add(BigInteger.ONE), CertificateStatus.GOOD, SIGNER_KEYS, SIGNER),
            // signed by a key other than the responder certificate's
            response(SERIAL, CertificateStatus.GOOD, keys(), SIGNER),
            // a responder that is neither the CA nor one with id-kp-OCSPSigning
            response(
                SERIAL,
                CertificateStatus.GOOD,
                SIGNER_KEYS,
                certificate(new X500Name("CN=Imposter"), CA_NAME, SIGNER_KEYS, CA_KEYS, false)),
            // a delegated responder under another CA's name
            response(
                SERIAL,
                CertificateStatus.GOOD,
                SIGNER_KEYS,
                certificate(
                    new X500Name("CN=Other OCSP"),
                    new X500Name("CN=Other CA"),
                    SIGNER_KEYS,
                    CA_KEYS)),
            new OCSPRespBuilder().build(OCSPRespBuilder.TRY_LATER, null).getEncoded());
    for (byte[] answer : unverifiable) {
      responder.body.set(answer);
      assertThat(ask(PREFIX + "sub-ca-2").path("status").asText()).isEqualTo("Accepted");
    }
    assertThat(heard).isEmpty();
  }

  private ObjectNode ask(String responderUrl) throws Exception {
    ObjectNode payload = JSON.createObjectNode();
    payload
        .putObject("ocspRequestData")
        .put("hashAlgorithm", "SHA256")
        .put("issuerNameHash", StandInResponder.issuerNameHash())
        .put("issuerKeyHash", StandInResponder.issuerKeyHash())
        .put("serialNumber", SERIAL.toString(16))
        .put("responderURL", responderUrl);
    return (ObjectNode) handler.handle(new Station("CS-1", OcppVersion.OCPP201), payload).payload();
  }
}
