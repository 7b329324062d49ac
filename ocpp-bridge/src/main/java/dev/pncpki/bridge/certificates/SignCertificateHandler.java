package dev.pncpki.bridge.certificates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pncpki.bridge.ocpp.OcppVersion;
import dev.pncpki.bridge.ocpp.StatusInfo;
import dev.pncpki.bridge.station.Channel;
import dev.pncpki.bridge.station.Handler;
import dev.pncpki.bridge.station.SecurityLog;
import dev.pncpki.bridge.station.StationDirectory;
import dev.pncpki.bridge.store.SigningRequests;
import dev.pncpki.bridge.store.SigningRequests.Admission;
import dev.pncpki.bridge.trust.RootFingerprint;
import dev.pncpki.bridge.trust.V2gRootPolicy;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * SignCertificate (OCPP 2.0.1 A02/A03; 1.6 security whitepaper): the CSR is checked here and, if it
 * passes, recorded durably before the station hears Accepted (A02.FR.11: Accepted when the CSMS is
 * able to process the request); the recorded request is then issued by the CA and delivered with
 * CertificateSigned ({@link SigningRequestIssuer}). A station has at most one CSR of a type
 * outstanding, and at most the configured number of certificates of a type per window: beyond
 * either the answer is Rejected. The same CSR sent again while it is outstanding is Accepted once
 * more, with nothing new recorded. Refusals are security events of the station.
 *
 * <p>On OCPP 2.1 the request may carry a {@code requestId}, which the CertificateSigned of its
 * certificate repeats (a requestId the station used for another CSR is refused: an answer carrying
 * it could be taken for either), and, for a V2G certificate, {@code hashRootCertificate}: the V2G
 * root the certificate is to chain to, refused unless it is a valid V2G root of the CA's trust list
 * that one of its CPO chains reaches. OCPP 2.1 also asks for the ISO 15118-20 SECC certificate
 * ({@code V2G20Certificate}: a P-521 key, issued from a P-521 CPO chain), renewed apart from the -2
 * one.
 */
public final class SignCertificateHandler implements Handler {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final StationDirectory stations;
  private final String organization;
  private final SigningRequests requests;
  private final SigningRequests.Limit limit;
  private final Consumer<SigningRequests.Pending> issue;
  private final SecurityLog events;
  private final V2gRootPolicy roots;

  /**
   * @param issue what to do with a request this instance just recorded (issue it at once)
   * @param roots which V2G root a station's V2G certificate is to chain to
   */
  public SignCertificateHandler(
      StationDirectory stations,
      String organization,
      SigningRequests requests,
      SigningRequests.Limit limit,
      Consumer<SigningRequests.Pending> issue,
      SecurityLog events,
      V2gRootPolicy roots) {
    this.roots = roots;
    this.stations = stations;
    this.organization = organization;
    this.requests = requests;
    this.limit = limit;
    this.issue = issue;
    this.events = events;
  }

  @Override
  public Reply handle(Channel session, JsonNode payload) {
    CertificateType type =
        session.version() == OcppVersion.OCPP16
            ? CertificateType.CHARGING_STATION
            : CertificateType.of(payload.path("certificateType").asText(null));
    String csr = payload.path("csr").asText();
    // OCPP 2.1: the station's id for this request, which its CertificateSigned repeats
    if (payload.has("requestId") && !payload.get("requestId").canConvertToInt()) {
      // never truncated: its CertificateSigned would carry another id
      return refused(
          session,
          type,
          "CsrRefused",
          "InvalidRequestId",
          "requestId "
              + payload.get("requestId")
              + " is beyond the 32-bit integers this CSMS keeps");
    }
    Optional<Integer> requestId =
        payload.has("requestId") ? Optional.of(payload.get("requestId").asInt()) : Optional.empty();
    Optional<RootFingerprint> root = Optional.empty();
    boolean v2g = type == CertificateType.V2G || type == CertificateType.V2G20;
    if (v2g && payload.has("hashRootCertificate")) {
      String iso15118 = type == CertificateType.V2G20 ? "20" : "2";
      switch (roots.requested(payload.get("hashRootCertificate"), iso15118)) {
        case V2gRootPolicy.Requested.Found found -> root = Optional.of(found.choice().root());
        case V2gRootPolicy.Requested.Refused no -> {
          return refused(session, type, "CsrRefused", "UnknownRootCert", no.reason());
        }
      }
    } else if (type == CertificateType.V2G) {
      // the pin, current leaf and fleet default are ISO 15118-2 roots; a -20 certificate without
      // a named root comes from the CA's newest P-521 CPO chain
      root = roots.rootFor(session.stationId()).map(V2gRootPolicy.Choice::root);
    }
    CsrCheck.Checked checked;
    try {
      var station = stations.find(session.stationId()).orElseThrow();
      checked = CsrCheck.check(csr, type, station, organization);
    } catch (CsrCheck.Refused e) {
      return refused(session, type, "CsrRefused", e.reasonCode(), e.getMessage());
    }
    // a database that cannot record it fails the CALL (InternalError): never Accepted unrecorded
    Admission admission =
        requests.admit(
            new SigningRequests.Received(
                session.stationId(),
                type.wire(),
                session.route(),
                csr,
                checked.profile(),
                checked.identity(),
                root,
                requestId),
            limit);
    return switch (admission) {
      case Admission.Admitted a -> Reply.of(accepted(), () -> issue.accept(a.request()));
      case Admission.Repeated r -> Reply.of(accepted());
      case Admission.Outstanding o ->
          refused(
              session,
              type,
              "CsrOutstanding",
              "CsrOutstanding",
              "signing request "
                  + o.id()
                  + " of "
                  + o.since()
                  + " is still outstanding; one at a time per certificate type");
      case Admission.RequestIdReused u ->
          refused(
              session,
              type,
              "CsrRefused",
              "DuplicateRequestId",
              "requestId "
                  + requestId.orElseThrow()
                  + " was this station's for another CSR (signing request "
                  + u.id()
                  + ")");
      case Admission.Limited l ->
          refused(
              session,
              type,
              "CsrRefused",
              "CsrRateLimit",
              l.count()
                  + " certificates of this type within "
                  + l.limit().window().toSeconds()
                  + " s, the most a station may get");
    };
  }

  /** Rejected, with a security event of {@code event} type and statusInfo on 2.0.1. */
  private Reply refused(
      Channel session, CertificateType type, String event, String reasonCode, String detail) {
    events.bridge(session.stationId(), event, type.wire() + ": " + detail);
    ObjectNode out = JSON.createObjectNode().put("status", "Rejected");
    if (session.version().since201()) {
      StatusInfo.add(out, reasonCode, detail);
    }
    return Reply.of(out);
  }

  private static ObjectNode accepted() {
    return JSON.createObjectNode().put("status", "Accepted");
  }
}
