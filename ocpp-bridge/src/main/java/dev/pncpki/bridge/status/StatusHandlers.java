package dev.pncpki.bridge.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pncpki.bridge.ocpp.StatusInfo;
import dev.pncpki.bridge.station.Channel;
import dev.pncpki.bridge.station.Handler;
import dev.pncpki.bridge.station.SecurityLog;
import dev.pncpki.bridge.trust.ContractRoots;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.ocsp.CertID;
import org.bouncycastle.cert.X509CertificateHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Certificate status for stations: GetCertificateStatus (2.0.1 M06) answered from the CA's OCSP
 * responder (or another operator's that a validated chain named), and the answer recorded for the
 * fleet view when the bridge could verify it ({@link OcspVerification}); contract Authorize ({@link
 * AuthorizeHandler}); the status of a vehicle's chain (2.1 M07, {@link ChainStatusHandler}), all
 * sharing what validated chains named; SecurityEventNotification recorded.
 */
public final class StatusHandlers {
  private static final Logger LOG = LoggerFactory.getLogger(StatusHandlers.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_OCSP_RESULT = 5500; // GetCertificateStatusResponse.ocspResult

  private StatusHandlers() {}

  /**
   * The handlers; {@code roots} are the roots contract chains validate to, {@code http} fetches the
   * CRLs their certificates name.
   */
  public static Map<String, Handler> of(
      OcspClient ocsp, ContractRoots roots, HttpClient http, SecurityLog events, OcspLog log) {
    return of(ocsp, roots, http, events, log, Clock.systemUTC());
  }

  static Map<String, Handler> of(
      OcspClient ocsp,
      ContractRoots roots,
      HttpClient http,
      SecurityLog events,
      OcspLog log,
      Clock clock) {
    var issuers = new ValidatedIssuers();
    var crls = new CrlClient(http, clock);
    return Map.of(
        "SecurityEventNotification",
        (s, p) -> securityEvent(events, s, p),
        "GetCertificateStatus",
        (s, p) -> certificateStatus(ocsp, issuers, log, clock, s, p),
        "Authorize",
        new AuthorizeHandler(new ContractStatus(ocsp, crls, issuers, clock), roots, clock),
        "GetCertificateChainStatus",
        new ChainStatusHandler(ocsp, crls, issuers, clock));
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
      OcspClient ocsp,
      ValidatedIssuers issuers,
      OcspLog log,
      Clock clock,
      Channel session,
      JsonNode payload) {
    // 1.6 has no GetCertificateStatus (NotImplemented before this); its DataTransfer form is 2.0.1
    JsonNode data = payload.path("ocspRequestData");
    ObjectNode out = JSON.createObjectNode();
    try {
      CertID asked = OcspRequestData.certId(data);
      String url = data.path("responderURL").asText();
      Optional<X509CertificateHolder> issuer = Optional.empty();
      if (!ocsp.isOwn(url)) {
        // another operator's responder: only for an issuer of a chain that validated
        issuer = issuers.issuerOf(asked);
        if (issuer.isEmpty()) {
          throw new OcspClient.OcspException(
              "responderURL is not this CA's and no validated chain names the issuer asked about");
        }
      }
      byte[] answer = ocsp.ask(url, OcspRequestData.request(asked));
      String encoded = Base64.getEncoder().encodeToString(answer);
      if (encoded.length() > MAX_OCSP_RESULT) {
        throw new IllegalArgumentException("the OCSP answer exceeds ocspResult's 5,500 characters");
      }
      out.put("status", "Accepted").put("ocspResult", encoded);
      heard(
          log,
          session.stationId(),
          asked,
          OcspVerification.of(answer, asked, clock.instant(), issuer));
    } catch (OcspClient.OcspException | IllegalArgumentException e) {
      // nothing is recorded: the station's last verified answer (if any) is still what it holds
      LOG.info("station {}: GetCertificateStatus failed: {}", session.stationId(), e.getMessage());
      StatusInfo.add(out.put("status", "Failed"), "OCSPFailed", e.getMessage());
    }
    return Handler.Reply.of(out);
  }

  /** Tells {@code log} about a verified answer; an unverified one is only logged. */
  private static void heard(
      OcspLog log, String stationId, CertID asked, OcspVerification.Result result) {
    switch (result) {
      case OcspVerification.Verified v ->
          log.answered(
              stationId,
              asked.getSerialNumber().getValue().toString(16),
              v.status(),
              v.thisUpdate(),
              v.nextUpdate());
      case OcspVerification.NotKnown n ->
          LOG.info(
              "station {}: OCSP answer handed on but not recorded: the responder does not know"
                  + " the certificate",
              stationId);
      case OcspVerification.Unverified u ->
          LOG.info("station {}: OCSP answer handed on but not recorded: {}", stationId, u.reason());
    }
  }

  /** Station text for a log line: control characters (line breaks) cannot forge other lines. */
  static String printable(String text) {
    return text.replaceAll("\\p{Cntrl}", "?");
  }
}
