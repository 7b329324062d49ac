package dev.pncpki.ca.installation;

import dev.pncpki.ca.audit.AuditLog;
import dev.pncpki.ca.auth.Caller;
import dev.pncpki.ca.contract.ContractRow;
import dev.pncpki.ca.contract.ProvisioningRow;
import dev.pncpki.ca.refusal.Refusal;
import dev.pncpki.ca.refusal.RefusedException;
import dev.pncpki.contract.exi.ExiException;
import dev.pncpki.contract.installation.Iso20CertificateMessages;
import dev.pncpki.contract.installation.MalformedMessageException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;

/**
 * Answers an ISO 15118-20 CertificateInstallationReq (V2G_CI_CommonMessages.xsd) like {@link
 * Installations} does for -2: the OEM provisioning chain's leaf checked against the pool, its P-521
 * signature over OEMProvisioningCertificateChain, the vehicle's roots against our P-521 V2G root,
 * and the PCID's -20 contract (SECP521 envelope) delivered in SignedInstallationData, signed with
 * the P-521 CPS leaf key. -20 has no separate update message: a vehicle asks again and gets the
 * newest contract.
 */
public final class Iso20Installations {
  private static final String SUITE = "iso15118-20-p521";
  private static final Duration EXPIRES_SOON = Duration.ofDays(30);

  private final Iso20CertificateMessages messages;
  private final Provisioning provisioning;
  private final CpsChains cps;
  private final AuditLog audit;

  Iso20Installations(
      Iso20CertificateMessages messages, Provisioning provisioning, CpsChains cps, AuditLog audit) {
    this.messages = messages;
    this.provisioning = provisioning;
    this.cps = cps;
    this.audit = audit;
  }

  public Installations.Answer answer(Caller caller, byte[] exiRequest) {
    Iso15118Service.checkCaller(caller);
    Iso20CertificateMessages.Received received;
    try {
      received = messages.read(exiRequest);
    } catch (ExiException | MalformedMessageException e) {
      throw new RefusedException(Refusal.MALFORMED_REQUEST, e.getMessage());
    }
    var request = received.request();
    Installations.Answer answer;
    try {
      byte[] leaf = request.oemProvisioningChain().get(0);
      X509Certificate oem = Provisioning.certificate(leaf);
      ProvisioningRow pooled = provisioning.pooled(oem, leaf);
      if (!messages.signedBy(received, oem.getPublicKey())) {
        throw new Provisioning.Refusal(
            Provisioning.Reason.BAD_SIGNATURE, "the request's signature fails");
      }
      provisioning.notRevoked(pooled);
      CpsChains.Chain chain = cps.under(request.rootCertificateIds(), provisioning.now());
      ContractRow contract =
          provisioning.contract(pooled.pcid(), SUITE, Iso20CertificateMessages.NAMESPACE);
      String code =
          contract.notAfter().isBefore(provisioning.now().plus(EXPIRES_SOON))
              ? "OK_CertificateExpiresSoon"
              : "OK";
      var response =
          new Iso20CertificateMessages.Response(
              request.sessionId(),
              provisioning.now().getEpochSecond(),
              code,
              chain.certificates(),
              provisioning.chain(Optional.of(contract.certificate()), contract.issuerId()),
              contract.dhPublicKey(),
              contract.encryptedPrivateKey(),
              0);
      answer =
          new Installations.Answer(
              messages.write(response, chain.signer()),
              code,
              Optional.of(contract.emaid()),
              "served by " + chain.leafId());
    } catch (Provisioning.Refusal r) {
      String code = code(r.reason);
      answer =
          new Installations.Answer(
              messages.writeFailed(
                  request.sessionId(),
                  provisioning.now().getEpochSecond(),
                  code,
                  cps.newest(provisioning.now()).certificates()),
              code,
              Optional.empty(),
              r.getMessage());
    }
    Iso15118Service.audit(audit, caller, "iso15118-20.certificate-installation", answer);
    return answer;
  }

  /** The ISO 15118-20 responseCodeType (its XML schema) for each reason. */
  private static String code(Provisioning.Reason reason) {
    return switch (reason) {
      case UNKNOWN_CERTIFICATE -> "WARNING_CertificateValidationError";
      case EXPIRED -> "WARNING_CertificateExpired";
      case REVOKED -> "WARNING_CertificateRevoked";
      case BAD_SIGNATURE -> "FAILED_SignatureError";
      case UNTRUSTED_ROOTS, NO_CONTRACT, CONTRACT_CANCELED -> "WARNING_NoCertificateAvailable";
    };
  }
}
