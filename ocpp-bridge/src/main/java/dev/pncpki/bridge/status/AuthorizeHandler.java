package dev.pncpki.bridge.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pncpki.bridge.ocpp.OcppVersion;
import dev.pncpki.bridge.station.Channel;
import dev.pncpki.bridge.station.Handler;
import dev.pncpki.bridge.status.ContractStatus.Verdict;
import java.time.Clock;
import java.util.Date;
import java.util.Optional;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.CertID;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcDigestCalculatorProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authorize with a contract (OCPP 2.0.1 C07, and 1.6 Plug & Charge through DataTransfer): each
 * certificate's status is asked of the CA's OCSP responder ({@link ContractStatus}) and the worst
 * {@link Verdict} answers, as {@code certificateStatus} with its {@code idTokenInfo.status}: all
 * good is Accepted/Accepted, one revoked CertificateRevoked/Invalid (C07), and see {@link Verdict}
 * for the rest.
 *
 * <p>With {@code iso15118CertificateHashData} the station has validated the contract's chain itself
 * and asks the CSMS only for the status it could not get (C07): the bridge builds an RFC 6960
 * request from each entry and believes only a verified answer. With the {@code certificate} chain
 * the bridge validates what it can: the leaf must name the idToken's eMAID, and every certificate
 * up to the root must be signed by the next, valid now, and known and good at the CA's responder
 * under that issuer (a certificate made up with a good one's serial is refused; a contract under a
 * revoked Sub-CA is revoked). Without certificate data the bridge, which keeps no authorization
 * list, answers Unknown (an OCPP 1.6 idTag: Invalid).
 */
public final class AuthorizeHandler implements Handler {
  private static final Logger LOG = LoggerFactory.getLogger(AuthorizeHandler.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ContractStatus status;
  private final Clock clock;

  AuthorizeHandler(ContractStatus status, Clock clock) {
    this.status = status;
    this.clock = clock;
  }

  @Override
  public Reply handle(Channel station, JsonNode payload) {
    ObjectNode out = JSON.createObjectNode();
    if (station.version() != OcppVersion.OCPP201) {
      // OCPP 1.6 section 4.1: the Central System answers every Authorize.req with idTagInfo. This
      // is reached only without a CSMS (proxy mode forwards Authorize), and the bridge keeps no
      // authorization list: the idTag is unknown to it, Invalid (section 7.2). A 1.6 contract is
      // authorized through the Plug & Charge DataTransfer, which arrives here as 2.0.1.
      out.putObject("idTagInfo").put("status", "Invalid");
      return Reply.of(out);
    }
    Optional<Verdict> verdict = verdict(station.stationId(), payload);
    if (verdict.isEmpty()) {
      out.putObject("idTokenInfo").put("status", "Unknown");
      return Reply.of(out);
    }
    out.putObject("idTokenInfo").put("status", verdict.get().idTokenStatus());
    out.put("certificateStatus", verdict.get().certificateStatus());
    LOG.info(
        "station {}: Authorize {} -> {}",
        station.stationId(),
        StatusHandlers.printable(payload.path("idToken").path("idToken").asText()),
        verdict.get().certificateStatus());
    return Reply.of(out);
  }

  /** The worst verdict over the certificate data; empty when there is none. */
  private Optional<Verdict> verdict(String stationId, JsonNode payload) {
    if (payload.has("certificate")) {
      String emaid = payload.path("idToken").path("idToken").asText();
      return Optional.of(fromChain(stationId, payload.path("certificate").asText(), emaid));
    }
    Verdict worst = null;
    for (JsonNode data : payload.path("iso15118CertificateHashData")) {
      Verdict v = fromHashData(stationId, data);
      worst = worst == null ? v : worst.worse(v);
    }
    return Optional.ofNullable(worst);
  }

  private Verdict fromHashData(String stationId, JsonNode data) {
    CertID id;
    try {
      id = OcspRequestData.certId(data);
    } catch (IllegalArgumentException e) {
      LOG.info("station {}: hash data names no certificate: {}", stationId, e.getMessage());
      return Verdict.CHAIN_ERROR;
    }
    return status.of(stationId, id, data.path("responderURL").asText(null));
  }

  /**
   * Each certificate up to the root (OCPP 2.0.1 C07; RFC 5280 section 6.1.3): signed by the next,
   * valid now, and good at its issuer's responder. The worst verdict answers.
   */
  private Verdict fromChain(String stationId, String pem, String emaid) {
    Optional<ContractChain> chain = ContractChain.read(pem);
    if (chain.isEmpty() || !chain.get().isFor(emaid)) {
      return Verdict.CHAIN_ERROR; // unreadable, no issuer, a broken link, or another eMAID's
    }
    Verdict worst = Verdict.GOOD;
    for (ContractChain.Link link : chain.get().links()) {
      worst = worst.worse(fromLink(stationId, link));
    }
    return worst;
  }

  private Verdict fromLink(String stationId, ContractChain.Link link) {
    X509CertificateHolder certificate = link.subject();
    Date now = Date.from(clock.instant());
    if (now.before(certificate.getNotBefore())) {
      return Verdict.CHAIN_ERROR; // RFC 5280 section 6.1.3 (a)(2): not valid yet
    }
    if (now.after(certificate.getNotAfter())) {
      return Verdict.EXPIRED;
    }
    try {
      var id =
          new CertificateID(
              new BcDigestCalculatorProvider()
                  .get(new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256)),
              link.issuer(),
              certificate.getSerialNumber());
      return status.of(stationId, id.toASN1Primitive(), ocspUrl(certificate));
    } catch (OperatorCreationException | OCSPException e) {
      return Verdict.CHAIN_ERROR;
    }
  }

  private static String ocspUrl(X509CertificateHolder leaf) {
    var aia = AuthorityInformationAccess.fromExtensions(leaf.getExtensions());
    if (aia != null) {
      for (AccessDescription d : aia.getAccessDescriptions()) {
        if (d.getAccessMethod().equals(AccessDescription.id_ad_ocsp)) {
          return d.getAccessLocation().getName().toString();
        }
      }
    }
    return null;
  }
}
