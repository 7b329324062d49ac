package dev.pncpki.bridge.status;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.pncpki.bridge.ocpp.OcppVersion;
import dev.pncpki.bridge.station.Channel;
import dev.pncpki.bridge.station.Handler;
import dev.pncpki.bridge.station.SecurityLog;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
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
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final String PREFIX = "http://ca.example/ocsp/";
  private static final X500Name CA_NAME = new X500Name("CN=Test Sub-CA 2, O=Test CPO");
  private static final BigInteger SERIAL = new BigInteger("1f2e3d4c5b6a", 16);

  private static final KeyPair CA_KEYS = keys();
  private static final KeyPair SIGNER_KEYS = keys();
  private static final X509CertificateHolder CA = certificate(CA_NAME, CA_NAME, CA_KEYS, CA_KEYS);
  private static final X509CertificateHolder SIGNER =
      certificate(new X500Name("CN=Test Sub-CA 2 OCSP, O=Test CPO"), CA_NAME, SIGNER_KEYS, CA_KEYS);

  /** What the responder answers next: an HTTP status and a body. */
  private final AtomicInteger httpStatus = new AtomicInteger(200);

  private final AtomicReference<byte[]> body = new AtomicReference<>(new byte[0]);
  private final List<String> heard = new ArrayList<>();
  private HttpServer server;
  private Handler handler;

  private record Station(String stationId, OcppVersion version) implements Channel {
    @Override
    public CompletableFuture<JsonNode> call(String action, JsonNode payload) {
      throw new UnsupportedOperationException();
    }
  }

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/ocsp/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          byte[] answer = body.get();
          exchange.sendResponseHeaders(httpStatus.get(), answer.length == 0 ? -1 : answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    server.start();
    var ocsp =
        new OcspClient(
            PREFIX,
            "http://127.0.0.1:" + server.getAddress().getPort(),
            HttpClient.newHttpClient());
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
    handler = StatusHandlers.of(ocsp, events, log, CLOCK).get("GetCertificateStatus");
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void aVerifiedGoodOrRevokedAnswerIsHandedOnAndRecorded() throws Exception {
    body.set(response(SERIAL, CertificateStatus.GOOD, SIGNER_KEYS, SIGNER));
    assertThat(ask(PREFIX + "sub-ca-2").path("status").asText()).isEqualTo("Accepted");
    body.set(response(SERIAL, new RevokedStatus(Date.from(NOW.minusSeconds(60)), 1), CA_KEYS, CA));
    assertThat(ask(PREFIX + "sub-ca-2").path("status").asText()).isEqualTo("Accepted");
    assertThat(heard)
        .containsExactly(
            "CS-1 1f2e3d4c5b6a good " + NOW.plus(Duration.ofDays(1)),
            "CS-1 1f2e3d4c5b6a revoked " + NOW.plus(Duration.ofDays(1)));
  }

  @Test
  void aForeignResponderOrAFailedLookupRecordsNothing() throws Exception {
    body.set(response(SERIAL, CertificateStatus.GOOD, SIGNER_KEYS, SIGNER));
    ask(PREFIX + "sub-ca-2");
    heard.clear();
    ObjectNode foreign = ask("http://ocsp.elsewhere.example/ocsp/sub-ca-2");
    assertThat(foreign.path("status").asText()).isEqualTo("Failed");
    assertThat(foreign.path("statusInfo").path("reasonCode").asText()).isEqualTo("OCSPFailed");
    httpStatus.set(500);
    assertThat(ask(PREFIX + "sub-ca-2").path("status").asText()).isEqualTo("Failed");
    httpStatus.set(200);
    body.set("not OCSP".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    assertThat(ask(PREFIX + "sub-ca-2").path("status").asText()).isEqualTo("Accepted");
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
      body.set(answer);
      assertThat(ask(PREFIX + "sub-ca-2").path("status").asText()).isEqualTo("Accepted");
    }
    assertThat(heard).isEmpty();
  }

  private ObjectNode ask(String responderUrl) throws Exception {
    byte[] spki = CA.getSubjectPublicKeyInfo().getPublicKeyData().getBytes();
    ObjectNode payload = JSON.createObjectNode();
    payload
        .putObject("ocspRequestData")
        .put("hashAlgorithm", "SHA256")
        .put("issuerNameHash", sha256(CA_NAME.getEncoded()))
        .put("issuerKeyHash", sha256(spki))
        .put("serialNumber", SERIAL.toString(16))
        .put("responderURL", responderUrl);
    return (ObjectNode) handler.handle(new Station("CS-1", OcppVersion.OCPP201), payload).payload();
  }

  private static String sha256(byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
  }

  /** A response as the CA's responder makes it: SHA-256 CertID, a day to nextUpdate. */
  private static byte[] response(
      BigInteger serial, CertificateStatus status, KeyPair signedWith, X509CertificateHolder cert)
      throws Exception {
    byte[] spki = CA.getSubjectPublicKeyInfo().getPublicKeyData().getBytes();
    var id =
        new CertificateID(
            new org.bouncycastle.asn1.ocsp.CertID(
                new org.bouncycastle.asn1.x509.AlgorithmIdentifier(
                    org.bouncycastle.asn1.nist.NISTObjectIdentifiers.id_sha256),
                new org.bouncycastle.asn1.DEROctetString(
                    MessageDigest.getInstance("SHA-256").digest(CA_NAME.getEncoded())),
                new org.bouncycastle.asn1.DEROctetString(
                    MessageDigest.getInstance("SHA-256").digest(spki)),
                new org.bouncycastle.asn1.ASN1Integer(serial)));
    // as the CA's responder names itself, by key (RFC 6960 4.2.2.3); the CA itself by name
    var builder =
        new BasicOCSPRespBuilder(
            cert.equals(CA)
                ? new RespID(cert.getSubject())
                : new RespID(
                    new org.bouncycastle.asn1.ocsp.ResponderID(
                        new org.bouncycastle.asn1.DEROctetString(
                            MessageDigest.getInstance("SHA-1")
                                .digest(
                                    cert.getSubjectPublicKeyInfo()
                                        .getPublicKeyData()
                                        .getBytes())))));
    builder.addResponse(
        id, status, Date.from(NOW.minusSeconds(30)), Date.from(NOW.plus(Duration.ofDays(1))), null);
    var basic =
        builder.build(
            new JcaContentSignerBuilder("SHA256withECDSA").build(signedWith.getPrivate()),
            new X509CertificateHolder[] {cert},
            Date.from(NOW));
    return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
  }

  private static KeyPair keys() {
    try {
      var generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(256);
      return generator.generateKeyPair();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static X509CertificateHolder certificate(
      X500Name subject, X500Name issuer, KeyPair subjectKeys, KeyPair issuerKeys) {
    return certificate(subject, issuer, subjectKeys, issuerKeys, true);
  }

  /** The CA itself when subject = issuer; else a responder, with id-kp-OCSPSigning if asked. */
  private static X509CertificateHolder certificate(
      X500Name subject,
      X500Name issuer,
      KeyPair subjectKeys,
      KeyPair issuerKeys,
      boolean ocspSigning) {
    try {
      var builder =
          new X509v3CertificateBuilder(
              issuer,
              BigInteger.valueOf(subject.hashCode() & 0x7fffffff),
              Date.from(NOW.minus(Duration.ofDays(1))),
              Date.from(NOW.plus(Duration.ofDays(30))),
              subject,
              SubjectPublicKeyInfo.getInstance(subjectKeys.getPublic().getEncoded()));
      if (subject.equals(issuer)) {
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      } else if (ocspSigning) {
        builder.addExtension(
            Extension.extendedKeyUsage,
            false,
            new ExtendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning));
      }
      return builder.build(
          new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate()));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
