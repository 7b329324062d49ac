package dev.pncpki.bridge.status;

import static dev.pncpki.bridge.status.StandInResponder.CA;
import static dev.pncpki.bridge.status.StandInResponder.CA_KEYS;
import static dev.pncpki.bridge.status.StandInResponder.NOW;
import static dev.pncpki.bridge.status.StandInResponder.PREFIX;
import static dev.pncpki.bridge.status.StandInResponder.SIGNER;
import static dev.pncpki.bridge.status.StandInResponder.SIGNER_KEYS;
import static dev.pncpki.bridge.status.StandInResponder.response;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pncpki.bridge.ocpp.OcppVersion;
import java.math.BigInteger;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * GetCertificateChainStatus (OCPP 2.1 M07) against a stand-in responder: each entry answered Good,
 * Revoked, Unknown or Failed with the time it holds until; a URL that is neither the CA's own nor
 * named by a validated chain gets no request; another operator's answer is kept until its
 * nextUpdate.
 */
class ChainStatusHandlerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final BigInteger GOOD = new BigInteger("1a01", 16);
  private static final BigInteger REVOKED = new BigInteger("1a02", 16);
  private static final BigInteger UNKNOWN = new BigInteger("1a03", 16);

  private StandInResponder responder;
  private OcspClient ocsp;
  private ValidatedIssuers issuers;
  private ChainStatusHandler handler;

  @BeforeEach
  void start() throws Exception {
    responder = new StandInResponder();
    ocsp = responder.client();
    issuers = new ValidatedIssuers();
    handler =
        new ChainStatusHandler(
            ocsp, new CrlClient(HttpClient.newHttpClient(), CLOCK), issuers, CLOCK);
    responder.bySerial.put(GOOD, response(GOOD, CertificateStatus.GOOD, SIGNER_KEYS, SIGNER));
    responder.bySerial.put(
        REVOKED,
        response(REVOKED, new RevokedStatus(Date.from(NOW.minusSeconds(60)), 1), CA_KEYS, CA));
    responder.bySerial.put(UNKNOWN, response(UNKNOWN, new UnknownStatus(), SIGNER_KEYS, SIGNER));
  }

  @AfterEach
  void stop() {
    responder.close();
  }

  private static ObjectNode entry(BigInteger serial, String source, String... urls) {
    ObjectNode e = JSON.createObjectNode().put("source", source);
    e.putObject("certificateHashData")
        .put("hashAlgorithm", "SHA256")
        .put("issuerNameHash", StandInResponder.issuerNameHash())
        .put("issuerKeyHash", StandInResponder.issuerKeyHash())
        .put("serialNumber", serial.toString(16));
    var list = e.putArray("urls");
    for (String u : urls) {
      list.add(u);
    }
    return e;
  }

  private JsonNode ask(ObjectNode... entries) {
    ObjectNode payload = JSON.createObjectNode();
    payload.putArray("certificateStatusRequests").addAll(List.of(entries));
    return handler
        .handle(new StatusHandlersTest.Station("CS-1", OcppVersion.OCPP21), payload)
        .payload()
        .path("certificateStatus");
  }

  @Test
  void theCasOwnResponderAnswersGoodRevokedAndUnknownWithTheirNextUpdate() {
    JsonNode answers =
        ask(
            entry(GOOD, "OCSP", PREFIX + "cpo-sub-ca-2"),
            entry(REVOKED, "OCSP", PREFIX + "cpo-sub-ca-2"),
            entry(UNKNOWN, "OCSP", PREFIX + "cpo-sub-ca-2"));
    assertThat(answers).hasSize(3);
    assertThat(answers.path(0).path("status").asText()).isEqualTo("Good");
    assertThat(answers.path(0).path("source").asText()).isEqualTo("OCSP");
    assertThat(answers.path(0).path("nextUpdate").asText())
        .isEqualTo(NOW.plus(Duration.ofDays(1)).toString());
    assertThat(answers.path(0).path("certificateHashData").path("serialNumber").asText())
        .isEqualTo("1a01");
    assertThat(answers.path(1).path("status").asText()).isEqualTo("Revoked");
    assertThat(answers.path(2).path("status").asText()).isEqualTo("Unknown");
    assertThat(answers.path(2).path("nextUpdate").asText()).isEqualTo(NOW.toString());
  }

  @Test
  void aUrlNoValidatedChainNamedGetsNoRequestAndTheAnswerFailed() {
    JsonNode answers =
        ask(
            entry(GOOD, "OCSP", responder.directUrl("elsewhere"), "http://169.254.169.254/x"),
            entry(GOOD, "CRL", responder.directUrl("crl")));
    assertThat(answers.path(0).path("status").asText()).isEqualTo("Failed");
    assertThat(answers.path(0).path("nextUpdate").asText()).isEqualTo(NOW.toString());
    assertThat(answers.path(1).path("status").asText()).isEqualTo("Failed");
    assertThat(responder.asked).as("no request to any of them").hasValue(0);

    // the issuer validated, but the URL was never named by its certificates: still no request
    issuers.remember(CA);
    assertThat(ask(entry(GOOD, "OCSP", responder.directUrl("elsewhere"))).path(0).path("status"))
        .hasToString("\"Failed\"");
    assertThat(ask(entry(GOOD, "CRL", responder.directUrl("crl"))).path(0).path("status"))
        .hasToString("\"Failed\"");
    assertThat(responder.asked).hasValue(0);
  }

  @Test
  void anotherOperatorsResponderNamedByAValidatedChainIsAskedAndItsAnswerKept() throws Exception {
    issuers.remember(CA);
    String url = responder.directUrl("mo");
    ocsp.askNamed(
        url,
        OcspRequestData.request(
            OcspRequestData.certId(entry(GOOD, "OCSP").path("certificateHashData"))));
    int before = responder.asked.get();
    assertThat(ask(entry(GOOD, "OCSP", url)).path(0).path("status").asText()).isEqualTo("Good");
    assertThat(ask(entry(GOOD, "OCSP", url)).path(0).path("status").asText()).isEqualTo("Good");
    assertThat(responder.asked.get() - before).as("kept until its nextUpdate").isEqualTo(1);
  }

  @Test
  void anUnreachableResponderGivesFailedAtOnce() {
    responder.httpStatus.set(503);
    responder.bySerial.clear();
    long start = System.nanoTime();
    JsonNode answer = ask(entry(GOOD, "OCSP", PREFIX + "cpo-sub-ca-2")).path(0);
    assertThat(answer.path("status").asText()).isEqualTo("Failed");
    // resting: the second ask sends nothing
    int asked = responder.asked.get();
    assertThat(ask(entry(GOOD, "OCSP", PREFIX + "cpo-sub-ca-2")).path(0).path("status").asText())
        .isEqualTo("Failed");
    assertThat(responder.asked.get()).isEqualTo(asked);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void hashDataThatNamesNoCertificateIsFailedWithoutARequest() {
    ObjectNode bad = entry(GOOD, "OCSP", PREFIX + "cpo-sub-ca-2");
    ((ObjectNode) bad.path("certificateHashData")).put("issuerKeyHash", "xyz");
    assertThat(ask(bad).path(0).path("status").asText()).isEqualTo("Failed");
    assertThat(responder.asked).hasValue(0);
  }
}
