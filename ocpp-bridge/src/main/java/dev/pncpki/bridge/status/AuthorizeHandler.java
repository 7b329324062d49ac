package dev.pncpki.bridge.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pncpki.bridge.station.Channel;
import dev.pncpki.bridge.station.Handler;
import dev.pncpki.bridge.status.ContractStatus.Verdict;
import dev.pncpki.bridge.trust.ContractPath;
import dev.pncpki.bridge.trust.ContractRoots;
import java.time.Clock;
import java.util.Optional;
import org.bouncycastle.asn1.ocsp.CertID;
import org.bouncycastle.cert.X509CertificateHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authorize with a contract of any mobility operator whose root is trusted (OCPP 2.0.1 C07, and 1.6
 * Plug & Charge through DataTransfer): each certificate's status is asked of the responder it names
 * ({@link ContractStatus}) and the worst {@link Verdict} answers, as {@code certificateStatus} with
 * its {@code idTokenInfo.status}: all good is Accepted/Accepted, one revoked
 * CertificateRevoked/Invalid (C07), and see {@link Verdict} for the rest.
 *
 * <p>With {@code iso15118CertificateHashData} the station has validated the contract's chain itself
 * and asks the CSMS only for the status it could not get (C07): the bridge builds an RFC 6960
 * request from each entry and believes only a verified answer from a responder it may ask (the CA's
 * own, or one a validated chain named). With the {@code certificate} chain the bridge validates it:
 * the leaf must name the idToken's eMAID, and the chain must validate (RFC 5280 section 6) to a
 * root of the pool or of the CA's own hierarchy ({@link ContractRoots}); a chain ending elsewhere
 * is CertChainError. Then every certificate below the root must be good at the OCSP responder it
 * names, or not on the CRL it names, or, naming neither, stands on its chain (a serial its issuer's
 * responder does not know is refused; a contract under a revoked Sub-CA is revoked). Without
 * certificate data the bridge, which keeps no authorization list, answers Unknown (an OCPP 1.6
 * idTag: Invalid).
 */
public final class AuthorizeHandler implements Handler {
  private static final Logger LOG = LoggerFactory.getLogger(AuthorizeHandler.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ContractStatus status;
  private final ContractRoots roots;
  private final Clock clock;

  AuthorizeHandler(ContractStatus status, ContractRoots roots, Clock clock) {
    this.status = status;
    this.roots = roots;
    this.clock = clock;
  }

  @Override
  public Reply handle(Channel station, JsonNode payload) {
    ObjectNode out = JSON.createObjectNode();
    if (!station.version().since201()) {
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
   * The chain validated to a trusted root (OCPP 2.0.1 C07; RFC 5280 section 6), then each
   * certificate below the root good at its responder or CRL. The worst verdict answers.
   */
  private Verdict fromChain(String stationId, String pem, String emaid) {
    Optional<ContractChain> chain = ContractChain.read(pem);
    if (chain.isEmpty() || !chain.get().isFor(emaid)) {
      return Verdict.CHAIN_ERROR; // unreadable, no issuer, a broken link, or another eMAID's
    }
    X509CertificateHolder root;
    switch (ContractPath.validate(chain.get().belowRoot(), roots.roots(), clock.instant())) {
      case ContractPath.Expired e -> {
        return Verdict.EXPIRED;
      }
      case ContractPath.NoRoots n -> {
        LOG.info("station {}: no trusted roots read from the CA yet", stationId);
        return Verdict.UNAVAILABLE;
      }
      case ContractPath.Untrusted u -> {
        LOG.info("station {}: contract chain not trusted: {}", stationId, u.reason());
        return Verdict.CHAIN_ERROR;
      }
      case ContractPath.Trusted t -> {
        try {
          root = new X509CertificateHolder(t.root().getEncoded());
        } catch (java.io.IOException | java.security.cert.CertificateEncodingException e) {
          return Verdict.CHAIN_ERROR;
        }
      }
    }
    Verdict worst = Verdict.GOOD;
    for (ContractChain.Link link : chain.get().upTo(root)) {
      worst = worst.worse(status.of(stationId, link.subject(), link.issuer()));
    }
    return worst;
  }
}
