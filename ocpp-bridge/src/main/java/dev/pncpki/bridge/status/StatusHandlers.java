package dev.pncpki.bridge.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pncpki.bridge.ocpp.StatusInfo;
import dev.pncpki.bridge.station.Channel;
import dev.pncpki.bridge.station.Handler;
import dev.pncpki.bridge.station.SecurityLog;
import java.math.BigInteger;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.CertID;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Certificate status for stations: GetCertificateStatus (2.0.1 M06) answered from the CA's OCSP
 * responder; SecurityEventNotification recorded.
 */
public final class StatusHandlers {
  private static final Logger LOG = LoggerFactory.getLogger(StatusHandlers.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_OCSP_RESULT = 5500; // GetCertificateStatusResponse.ocspResult

  private StatusHandlers() {}

  public static Map<String, Handler> of(OcspClient ocsp, SecurityLog events, OcspLog log) {
    return Map.of(
        "SecurityEventNotification",
        (s, p) -> securityEvent(events, s, p),
        "GetCertificateStatus",
        (s, p) -> certificateStatus(ocsp, log, s, p),
        "Authorize",
        new AuthorizeHandler(ocsp));
  }

  private static Handler.Reply securityEvent(
      SecurityLog events, Channel session, JsonNode payload) {
    events.station(
        session.stationId(),
        printable(payload.path("type").asText()),
        "at "
            + printable(payload.path("timestamp").asText())
            + (payload.has("techInfo") ? ": " + printable(payload.path("techInfo").asText()) : ""));
    return Handler.Reply.of(JSON.createObjectNode());
  }

  private static Handler.Reply certificateStatus(
      OcspClient ocsp, OcspLog log, Channel session, JsonNode payload) {
    // 1.6 has no GetCertificateStatus (NotImplemented before this); its DataTransfer form is 2.0.1
    JsonNode data = payload.path("ocspRequestData");
    ObjectNode out = JSON.createObjectNode();
    try {
      byte[] request = ocspRequest(data);
      byte[] answer = ocsp.ask(data.path("responderURL").asText(), request);
      String encoded = Base64.getEncoder().encodeToString(answer);
      if (encoded.length() > MAX_OCSP_RESULT) {
        throw new IllegalArgumentException("the OCSP answer exceeds ocspResult's 5,500 characters");
      }
      out.put("status", "Accepted").put("ocspResult", encoded);
      heard(log, session.stationId(), data, answer);
    } catch (OcspClient.OcspException | IllegalArgumentException e) {
      LOG.info("station {}: GetCertificateStatus failed: {}", session.stationId(), e.getMessage());
      log.answered(
          session.stationId(),
          data.path("serialNumber").asText(),
          "failed",
          Optional.empty(),
          Optional.empty());
      StatusInfo.add(out.put("status", "Failed"), "OCSPFailed", e.getMessage());
    }
    return Handler.Reply.of(out);
  }

  /** Tells {@code log} the status and validity of the single response in {@code answer}. */
  private static void heard(OcspLog log, String stationId, JsonNode data, byte[] answer) {
    try {
      var basic = (BasicOCSPResp) new OCSPResp(answer).getResponseObject();
      SingleResp single = basic.getResponses()[0];
      var status = single.getCertStatus();
      log.answered(
          stationId,
          data.path("serialNumber").asText(),
          status == null // Bouncy Castle's CertificateStatus.GOOD
              ? "good"
              : status instanceof RevokedStatus ? "revoked" : "unknown",
          Optional.ofNullable(single.getThisUpdate()).map(java.util.Date::toInstant),
          Optional.ofNullable(single.getNextUpdate()).map(java.util.Date::toInstant));
    } catch (java.io.IOException | org.bouncycastle.cert.ocsp.OCSPException | RuntimeException e) {
      LOG.info("station {}: OCSP answer not readable for the log: {}", stationId, e.toString());
    }
  }

  /** Station text for a log line: control characters (line breaks) cannot forge other lines. */
  static String printable(String text) {
    return text.replaceAll("\\p{Cntrl}", "?");
  }

  /** An RFC 6960 request for the certificate an OCPP 2.0.1 OCSPRequestDataType names. */
  static byte[] ocspRequest(JsonNode data) {
    var algorithm =
        switch (data.path("hashAlgorithm").asText()) {
          case "SHA256" -> NISTObjectIdentifiers.id_sha256;
          case "SHA384" -> NISTObjectIdentifiers.id_sha384;
          case "SHA512" -> NISTObjectIdentifiers.id_sha512;
          default -> throw new IllegalArgumentException("unknown hashAlgorithm");
        };
    HexFormat hex = HexFormat.of();
    try {
      var id =
          new CertID(
              new AlgorithmIdentifier(algorithm),
              new DEROctetString(hex.parseHex(data.path("issuerNameHash").asText())),
              new DEROctetString(hex.parseHex(data.path("issuerKeyHash").asText())),
              new ASN1Integer(new BigInteger(data.path("serialNumber").asText(), 16)));
      return new OCSPReqBuilder().addRequest(new CertificateID(id)).build().getEncoded();
    } catch (java.io.IOException | org.bouncycastle.cert.ocsp.OCSPException e) {
      throw new IllegalArgumentException("cannot build the OCSP request: " + e.getMessage());
    }
  }
}
