package dev.pncpki.ca.installation;

import dev.pncpki.ca.audit.AuditLog;
import dev.pncpki.ca.auth.Caller;
import dev.pncpki.ca.contract.ContractRow;
import dev.pncpki.ca.contract.ContractState;
import dev.pncpki.ca.contract.ProvisioningRow;
import dev.pncpki.ca.refusal.Refusal;
import dev.pncpki.ca.refusal.RefusedException;
import dev.pncpki.contract.exi.ExiException;
import dev.pncpki.contract.installation.CertificateMessages;
import dev.pncpki.contract.installation.CertificateRequest;
import dev.pncpki.contract.installation.CertificateResponse;
import dev.pncpki.contract.installation.MalformedMessageException;
import dev.pncpki.contract.installation.ResponseCode;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Answers a vehicle's ISO 15118-2 CertificateInstallationReq or CertificateUpdateReq (forwarded by
 * a charger through OCPP Get15118EVCertificate, or by a backend) as the certificate provisioning
 * service: checks the request's signer and its signature, picks the CPS chain under a V2G root the
 * vehicle lists ({@link CpsChains}), finds the vehicle's contract (made by its mobility operator
 * through the contract API, key already encrypted to the vehicle) and returns the response signed
 * with that chain's CPS leaf key. A request that cannot be served gets a response with the
 * ResponseCode that says why.
 */
public final class Installations {
  private static final String SUITE = "iso15118-2";
  private static final Duration EXPIRES_SOON = Duration.ofDays(30);

  /** The EXI response and what it says, for the caller and the audit log. */
  public record Answer(byte[] exiResponse, String code, Optional<String> emaid, String reason) {}

  /** The contract a request is served, and the CPS chain that signs the response. */
  private record Served(ContractRow contract, CpsChains.Chain cps) {}

  private final CertificateMessages messages;
  private final Provisioning provisioning;
  private final CpsChains cps;
  private final AuditLog audit;

  Installations(
      CertificateMessages messages, Provisioning provisioning, CpsChains cps, AuditLog audit) {
    this.messages = messages;
    this.provisioning = provisioning;
    this.cps = cps;
    this.audit = audit;
  }

  public Answer answer(Caller caller, byte[] exiRequest) {
    Iso15118Service.checkCaller(caller);
    CertificateMessages.Received received;
    try {
      received = messages.read(exiRequest);
    } catch (ExiException | MalformedMessageException e) {
      throw new RefusedException(Refusal.MALFORMED_REQUEST, e.getMessage());
    }
    CertificateRequest request = received.request();
    boolean update = request instanceof CertificateRequest.Update;
    Answer answer;
    try {
      Served served =
          switch (request) {
            case CertificateRequest.Installation i -> installation(received, i);
            case CertificateRequest.Update u -> update(received, u);
          };
      ContractRow contract = served.contract();
      ResponseCode code =
          contract.notAfter().isBefore(provisioning.now().plus(EXPIRES_SOON))
              ? ResponseCode.OK_CertificateExpiresSoon
              : ResponseCode.OK;
      var response =
          new CertificateResponse(
              update,
              request.sessionId(),
              code,
              served.cps().certificates(),
              provisioning.chain(Optional.of(contract.certificate()), contract.issuerId()),
              contract.encryptedPrivateKey(),
              contract.dhPublicKey(),
              contract.emaid());
      answer =
          new Answer(
              messages.write(response, served.cps().signer()),
              code.name(),
              Optional.of(contract.emaid()),
              "served by " + served.cps().leafId());
    } catch (Provisioning.Refusal r) {
      ResponseCode code = code(r.reason);
      CpsChains.Chain newest = cps.newest(provisioning.now());
      answer =
          new Answer(
              messages.write(
                  CertificateResponse.failed(
                      update, request.sessionId(), code, newest.certificates()),
                  newest.signer()),
              code.name(),
              Optional.empty(),
              r.getMessage());
    }
    Iso15118Service.audit(
        audit,
        caller,
        update ? "iso15118.certificate-update" : "iso15118.certificate-installation",
        answer);
    return answer;
  }

  private Served installation(
      CertificateMessages.Received received, CertificateRequest.Installation request) {
    X509Certificate oem = Provisioning.certificate(request.oemProvisioningCertificate());
    ProvisioningRow pooled = provisioning.pooled(oem, request.oemProvisioningCertificate());
    if (!messages.signedBy(received, oem.getPublicKey())) {
      throw new Provisioning.Refusal(
          Provisioning.Reason.BAD_SIGNATURE, "the request's signature fails");
    }
    provisioning.notRevoked(pooled);
    CpsChains.Chain chain = cps.under(request.rootCertificateIds(), provisioning.now());
    return new Served(
        provisioning.contract(pooled.pcid(), SUITE, CertificateMessages.NAMESPACE), chain);
  }

  /** A renewal: the newest active contract of the same eMAID and PCID other than the current. */
  private Served update(CertificateMessages.Received received, CertificateRequest.Update u) {
    X509Certificate current = Provisioning.certificate(u.contractChain().get(0));
    String serial = current.getSerialNumber().toString(16);
    List<ContractRow> all = provisioning.contractsOf(u.emaid());
    ContractRow known =
        all.stream()
            .filter(
                c ->
                    c.serial().equals(serial)
                        && Arrays.equals(c.certificate(), u.contractChain().get(0)))
            .findFirst()
            .orElseThrow(
                () ->
                    new Provisioning.Refusal(
                        Provisioning.Reason.UNKNOWN_CERTIFICATE,
                        "contract certificate " + serial + " of " + u.emaid() + " is not ours"));
    if (!messages.signedBy(received, current.getPublicKey())) {
      throw new Provisioning.Refusal(
          Provisioning.Reason.BAD_SIGNATURE, "the request's signature fails");
    }
    if (known.revokedAt() != null && known.replacedBy() == null) {
      throw new Provisioning.Refusal(
          Provisioning.Reason.CONTRACT_CANCELED, u.emaid() + " is revoked");
    }
    CpsChains.Chain chain = cps.under(u.rootCertificateIds(), provisioning.now());
    var now = provisioning.now();
    ContractRow renewed =
        all.stream()
            .filter(c -> c.pcid().equals(known.pcid()) && c.id() != known.id())
            .filter(c -> SUITE.equals(c.suite()) && c.status(now) == ContractState.ACTIVE)
            .max(Comparator.comparingLong(ContractRow::id))
            .orElseThrow(
                () ->
                    new Provisioning.Refusal(
                        Provisioning.Reason.NO_CONTRACT,
                        "no renewed contract for " + u.emaid() + " yet"));
    return new Served(renewed, chain);
  }

  /** ISO 15118-2 responseCodeType for each reason. */
  private static ResponseCode code(Provisioning.Reason reason) {
    return switch (reason) {
      case UNKNOWN_CERTIFICATE -> ResponseCode.FAILED_CertChainError;
      case EXPIRED -> ResponseCode.FAILED_CertificateExpired;
      case REVOKED -> ResponseCode.FAILED_CertificateRevoked;
      case BAD_SIGNATURE -> ResponseCode.FAILED_SignatureError;
      case UNTRUSTED_ROOTS, NO_CONTRACT -> ResponseCode.FAILED_NoCertificateAvailable;
      case CONTRACT_CANCELED -> ResponseCode.FAILED_ContractCanceled;
    };
  }
}
