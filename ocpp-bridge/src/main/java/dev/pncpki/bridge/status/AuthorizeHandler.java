package dev.pncpki.bridge.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pncpki.bridge.ocpp.OcppException;
import dev.pncpki.bridge.ocpp.OcppVersion;
import dev.pncpki.bridge.station.Channel;
import dev.pncpki.bridge.station.Handler;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Authorize with a contract (OCPP 2.0.1 C07, and 1.6 Plug & Charge through DataTransfer): the
 * contract certificate's status is asked of the CA's OCSP responder and answered as {@code
 * certificateStatus} with the matching {@code idTokenInfo.status}: good is Accepted/Accepted,
 * revoked CertificateRevoked/Invalid (OCPP 2.0.1 C07), expired CertificateExpired/Expired, a
 * certificate the CA does not know or cannot answer for CertChainError/Invalid.
 *
 * <p>With the {@code certificate} chain, the leaf must name the eMAID of the idToken and be signed
 * by the next certificate, and the CA's responder must know it under that issuer: a leaf made up
 * with a good certificate's serial is refused. With only hash data the bridge cannot bind the
 * certificate to the eMAID, so a good certificate leaves the token {@code Unknown} for the CSMS to
 * decide. Without certificate data the bridge, which keeps no authorization list, answers Unknown
 * (an OCPP 1.6 idTag: Invalid).
 */
public final class AuthorizeHandler implements Handler {
  private static final Logger LOG = LoggerFactory.getLogger(AuthorizeHandler.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Worst last: with several certificates, the worst verdict answers. */
  private enum Verdict {
    GOOD("Accepted", "Accepted"),
    UNKNOWN("CertChainError", "Invalid"),
    EXPIRED("CertificateExpired", "Expired"),
    REVOKED("CertificateRevoked", "Invalid");

    final String certificateStatus;
    final String idTokenStatus;

    Verdict(String certificateStatus, String idTokenStatus) {
      this.certificateStatus = certificateStatus;
      this.idTokenStatus = idTokenStatus;
    }
  }

  private final OcspClient ocsp;

  public AuthorizeHandler(OcspClient ocsp) {
    this.ocsp = ocsp;
  }

  @Override
  public Reply handle(Channel station, JsonNode payload) throws OcppException {
    if (station.version() != OcppVersion.OCPP201) {
      // OCPP 1.6 section 4.1: the Central System answers every Authorize.req with idTagInfo. This
      // is reached only without a CSMS (proxy mode forwards Authorize), and the bridge keeps no
      // authorization list: the idTag is unknown to it, Invalid (section 7.2). A 1.6 contract is
      // authorized through the Plug & Charge DataTransfer, which arrives here as 2.0.1.
      ObjectNode out = JSON.createObjectNode();
      out.putObject("idTagInfo").put("status", "Invalid");
      return Reply.of(out);
    }
    List<Verdict> verdicts = new ArrayList<>();
    boolean bound = false;
    String emaid = payload.path("idToken").path("idToken").asText();
    if (payload.has("certificate")) {
      verdicts.add(fromChain(station, payload.path("certificate").asText(), emaid));
      bound = true;
    } else if (payload.has("iso15118CertificateHashData")) {
      for (JsonNode data : payload.path("iso15118CertificateHashData")) {
        verdicts.add(fromHashData(station, data));
      }
    }
    ObjectNode out = JSON.createObjectNode();
    if (verdicts.isEmpty()) {
      out.putObject("idTokenInfo").put("status", "Unknown");
      return Reply.of(out);
    }
    Verdict worst = verdicts.stream().max(Enum::compareTo).orElseThrow();
    boolean decide = bound || worst != Verdict.GOOD;
    out.putObject("idTokenInfo").put("status", decide ? worst.idTokenStatus : "Unknown");
    out.put("certificateStatus", worst.certificateStatus);
    LOG.info(
        "station {}: Authorize {} -> {}",
        station.stationId(),
        payload.path("idToken").path("idToken").asText(),
        worst.certificateStatus);
    return Reply.of(out);
  }

  private Verdict fromHashData(Channel station, JsonNode data) {
    byte[] request;
    try {
      request = StatusHandlers.ocspRequest(data);
    } catch (IllegalArgumentException e) {
      return Verdict.UNKNOWN; // hash data the schema lets through but that is not hex
    }
    return ask(station, request, data.path("responderURL").asText());
  }

  private Verdict fromChain(Channel station, String pem, String emaid) {
    List<X509CertificateHolder> chain = new ArrayList<>();
    try (var parser = new PEMParser(new StringReader(pem))) {
      for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
        if (o instanceof X509CertificateHolder c) {
          chain.add(c);
        }
      }
    } catch (IOException | RuntimeException e) {
      return Verdict.UNKNOWN;
    }
    if (chain.size() < 2) {
      return Verdict.UNKNOWN; // the issuer is needed to ask about the contract certificate
    }
    X509CertificateHolder leaf = chain.get(0);
    if (!signedBy(leaf, chain.get(1)) || !emaid.equalsIgnoreCase(cn(leaf).replace("-", ""))) {
      return Verdict.UNKNOWN; // not issued by the next certificate, or not this eMAID's contract
    }
    if (!leaf.isValidOn(new Date())) {
      return Verdict.EXPIRED;
    }
    try {
      var id =
          new CertificateID(
              new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
              chain.get(1),
              leaf.getSerialNumber());
      byte[] request = new OCSPReqBuilder().addRequest(id).build().getEncoded();
      return ask(station, request, ocspUrl(leaf));
    } catch (OperatorCreationException | OCSPException | IOException e) {
      return Verdict.UNKNOWN;
    }
  }

  private Verdict ask(Channel station, byte[] request, String responderUrl) {
    try {
      var response = new OCSPResp(ocsp.ask(responderUrl, request));
      if (response.getStatus() != OCSPResp.SUCCESSFUL
          || !(response.getResponseObject() instanceof BasicOCSPResp basic)
          || basic.getResponses().length == 0) {
        return Verdict.UNKNOWN;
      }
      Object status = basic.getResponses()[0].getCertStatus();
      if (status == null) {
        return Verdict.GOOD;
      }
      return status instanceof RevokedStatus ? Verdict.REVOKED : Verdict.UNKNOWN;
    } catch (OcspClient.OcspException | IOException | OCSPException | RuntimeException e) {
      LOG.info("station {}: contract status unknown: {}", station.stationId(), e.getMessage());
      return Verdict.UNKNOWN;
    }
  }

  private static boolean signedBy(X509CertificateHolder leaf, X509CertificateHolder issuer) {
    try {
      return leaf.isSignatureValid(
          dev.pncpki.bridge.crypto.Verifiers.of(issuer.getSubjectPublicKeyInfo()));
    } catch (OperatorCreationException | org.bouncycastle.cert.CertException e) {
      return false;
    }
  }

  private static String cn(X509CertificateHolder leaf) {
    var cns = leaf.getSubject().getRDNs(org.bouncycastle.asn1.x500.style.BCStyle.CN);
    return cns.length == 1
        ? org.bouncycastle.asn1.x500.style.IETFUtils.valueToString(cns[0].getFirst().getValue())
        : "";
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
