package dev.pncpki.ca.installation;

import dev.pncpki.ca.audit.AuditLog;
import dev.pncpki.ca.auth.Caller;
import dev.pncpki.ca.contract.ProvisioningPool;
import dev.pncpki.ca.issuance.Hierarchy;
import dev.pncpki.ca.keys.KeyBackend;
import dev.pncpki.ca.problem.Problem;
import dev.pncpki.ca.problem.ProblemException;
import dev.pncpki.ca.store.ContractDao;
import dev.pncpki.ca.store.ContractRow;
import dev.pncpki.ca.store.ProvisioningRow;
import dev.pncpki.contract.exi.ExiException;
import dev.pncpki.contract.installation.CertificateMessages;
import dev.pncpki.contract.installation.CertificateRequest;
import dev.pncpki.contract.installation.CertificateResponse;
import dev.pncpki.contract.installation.MalformedMessageException;
import dev.pncpki.contract.installation.ResponseCode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.X509CertificateHolder;
import org.jdbi.v3.core.Jdbi;

/**
 * Answers a vehicle's ISO 15118-2 CertificateInstallationReq or CertificateUpdateReq (forwarded by
 * a charger through OCPP Get15118EVCertificate, or by a backend) as the certificate provisioning
 * service: checks the request's signer and its signature, that the vehicle trusts the V2G root our
 * CPS chain hangs under, finds the vehicle's contract (made by its mobility operator through the
 * contract API, key already encrypted to the vehicle) and returns the response signed with the CPS
 * leaf key. A request that cannot be served gets a response with the ResponseCode that says why.
 */
public final class Installations {
  private static final String SUITE = "iso15118-2";
  private static final Duration EXPIRES_SOON = Duration.ofDays(30);

  /** The EXI response and what it says, for the caller and the audit log. */
  public record Answer(
      byte[] exiResponse, ResponseCode code, Optional<String> emaid, String reason) {}

  private final CertificateMessages messages;
  private final ProvisioningPool pool;
  private final Optional<NewContracts> newContracts;
  private final Jdbi jdbi;
  private final Hierarchy hierarchy;
  private final Hierarchy.Authority cps;
  private final CpsSigner signer;
  private final AuditLog audit;
  private final Clock clock;

  public Installations(
      CertificateMessages messages,
      ProvisioningPool pool,
      Optional<NewContracts> newContracts,
      Jdbi jdbi,
      Hierarchy hierarchy,
      KeyBackend keys,
      AuditLog audit,
      Clock clock) {
    this.messages = messages;
    this.pool = pool;
    this.newContracts = newContracts;
    this.jdbi = jdbi;
    this.hierarchy = hierarchy;
    this.cps =
        hierarchy
            .find("cps-leaf")
            .orElseThrow(() -> new IllegalStateException("the hierarchy has no cps-leaf"));
    this.signer = new CpsSigner(keys, cps.key());
    this.audit = audit;
    this.clock = clock;
  }

  public Answer answer(Caller caller, byte[] exiRequest) {
    if (!caller.isAdmin() && !caller.isBridge()) {
      throw new ProblemException(
          Problem.FORBIDDEN, "certificate installation is for the OCPP bridge and admins");
    }
    CertificateMessages.Received received;
    try {
      received = messages.read(exiRequest);
    } catch (ExiException | MalformedMessageException e) {
      throw new ProblemException(Problem.MALFORMED_REQUEST, e.getMessage());
    }
    CertificateRequest request = received.request();
    boolean update = request instanceof CertificateRequest.Update;
    Answer answer;
    try {
      ContractRow contract =
          switch (request) {
            case CertificateRequest.Installation i -> installation(received, i);
            case CertificateRequest.Update u -> update(received, u);
          };
      checkRoots(request);
      ResponseCode code =
          contract.notAfter().isBefore(clock.instant().plus(EXPIRES_SOON))
              ? ResponseCode.OK_CertificateExpiresSoon
              : ResponseCode.OK;
      var response =
          new CertificateResponse(
              update,
              request.sessionId(),
              code,
              chain(Optional.empty(), "cps-leaf"),
              chain(Optional.of(holder(contract.certificate())), contract.issuerId()),
              contract.encryptedPrivateKey(),
              contract.dhPublicKey(),
              contract.emaid());
      answer =
          new Answer(
              messages.write(response, signer), code, Optional.of(contract.emaid()), "served");
    } catch (Refusal r) {
      answer =
          new Answer(
              messages.write(
                  CertificateResponse.failed(
                      update, request.sessionId(), r.code, chain(Optional.empty(), "cps-leaf")),
                  signer),
              r.code,
              Optional.empty(),
              r.getMessage());
    }
    audit.append(
        caller.name(),
        update ? "iso15118.certificate-update" : "iso15118.certificate-installation",
        answer.emaid().orElse("-"),
        answer.code().name(),
        answer.reason());
    return answer;
  }

  private ContractRow installation(
      CertificateMessages.Received received, CertificateRequest.Installation request) {
    X509Certificate oem = certificate(request.oemProvisioningCertificate());
    String pcid = commonName(oem);
    if (oem.getNotAfter().toInstant().isBefore(clock.instant())) {
      throw new Refusal(ResponseCode.FAILED_CertificateExpired, pcid + " has expired");
    }
    ProvisioningRow pooled =
        jdbi.withExtension(ContractDao.class, d -> d.provisioning(pcid))
            .filter(p -> Arrays.equals(p.certificate(), request.oemProvisioningCertificate()))
            .orElseThrow(
                () ->
                    new Refusal(
                        ResponseCode.FAILED_CertChainError,
                        "provisioning certificate " + pcid + " is not in the pool"));
    if (!messages.signedBy(received, oem.getPublicKey())) {
      throw new Refusal(ResponseCode.FAILED_SignatureError, "the request's signature fails");
    }
    pool.revokedNow(pooled)
        .ifPresent(
            detail -> {
              throw new Refusal(
                  ResponseCode.FAILED_CertificateRevoked, pcid + " is revoked: " + detail);
            });
    Instant now = clock.instant();
    return jdbi
        .withExtension(ContractDao.class, d -> d.search(null, null, pcid, null, 100))
        .stream()
        .filter(c -> SUITE.equals(c.suite()) && "active".equals(c.status(now)))
        .max(Comparator.comparingLong(ContractRow::id))
        .or(() -> newContracts.flatMap(n -> n.issue(pcid)))
        .orElseThrow(
            () ->
                new Refusal(
                    ResponseCode.FAILED_NoCertificateAvailable,
                    "no active ISO 15118-2 contract for PCID " + pcid));
  }

  /** A renewal: the newest active contract of the same eMAID and PCID other than the current. */
  private ContractRow update(CertificateMessages.Received received, CertificateRequest.Update u) {
    X509Certificate current = certificate(u.contractChain().get(0));
    String serial = current.getSerialNumber().toString(16);
    List<ContractRow> all = jdbi.withExtension(ContractDao.class, d -> d.contractsOf(u.emaid()));
    ContractRow known =
        all.stream()
            .filter(
                c ->
                    c.serial().equals(serial)
                        && Arrays.equals(c.certificate(), u.contractChain().get(0)))
            .findFirst()
            .orElseThrow(
                () ->
                    new Refusal(
                        ResponseCode.FAILED_CertChainError,
                        "contract certificate " + serial + " of " + u.emaid() + " is not ours"));
    if (!messages.signedBy(received, current.getPublicKey())) {
      throw new Refusal(ResponseCode.FAILED_SignatureError, "the request's signature fails");
    }
    if (known.revokedAt() != null && known.replacedBy() == null) {
      throw new Refusal(ResponseCode.FAILED_ContractCanceled, u.emaid() + " is revoked");
    }
    Instant now = clock.instant();
    return all.stream()
        .filter(c -> c.pcid().equals(known.pcid()) && c.id() != known.id())
        .filter(c -> SUITE.equals(c.suite()) && "active".equals(c.status(now)))
        .max(Comparator.comparingLong(ContractRow::id))
        .orElseThrow(
            () ->
                new Refusal(
                    ResponseCode.FAILED_NoCertificateAvailable,
                    "no renewed contract for " + u.emaid() + " yet"));
  }

  /** The vehicle must trust the V2G root our CPS chain (and the contract's MO chain) hang under. */
  private void checkRoots(CertificateRequest request) {
    X509CertificateHolder root = hierarchy.rootOf("cps-leaf");
    X500Principal name;
    try {
      name = new X500Principal(root.getSubject().getEncoded());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    boolean trusted =
        request.rootCertificateIds().stream()
            .anyMatch(
                id -> {
                  try {
                    return new X500Principal(id.issuerName()).equals(name)
                        && id.serialNumber().equals(root.getSerialNumber());
                  } catch (IllegalArgumentException notAName) {
                    return false;
                  }
                });
    if (!trusted) {
      throw new Refusal(
          ResponseCode.FAILED_NoCertificateAvailable,
          "the vehicle does not list our V2G root " + root.getSubject());
    }
  }

  /** {@code first}, then the CA {@code issuedBy} and its issuers up to, not including, the root. */
  private List<byte[]> chain(Optional<X509CertificateHolder> first, String issuedBy) {
    List<byte[]> out = new ArrayList<>();
    try {
      if (first.isPresent()) {
        out.add(first.get().getEncoded());
      }
      for (X509CertificateHolder c : hierarchy.chainBelowRoot(issuedBy)) {
        out.add(c.getEncoded());
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  private static X509CertificateHolder holder(byte[] der) {
    try {
      return new X509CertificateHolder(der);
    } catch (IOException e) {
      throw new IllegalStateException("a stored certificate cannot be read", e);
    }
  }

  private static X509Certificate certificate(byte[] der) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException e) {
      throw new Refusal(ResponseCode.FAILED_CertChainError, "the certificate cannot be read");
    }
  }

  private static String commonName(X509Certificate c) {
    var cns =
        new org.bouncycastle.asn1.x500.X500Name(c.getSubjectX500Principal().getName())
            .getRDNs(BCStyle.CN);
    if (cns.length != 1) {
      throw new Refusal(ResponseCode.FAILED_CertChainError, "the certificate has no single CN");
    }
    return cns[0].getFirst().getValue().toString();
  }

  /** Why a request gets a FAILED response. */
  private static final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient ResponseCode code;

    Refusal(ResponseCode code, String reason) {
      super(reason);
      this.code = code;
    }
  }
}
