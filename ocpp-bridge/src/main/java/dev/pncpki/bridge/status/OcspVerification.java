package dev.pncpki.bridge.status;

import dev.pncpki.bridge.crypto.Verifiers;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.ocsp.CertID;
import org.bouncycastle.asn1.ocsp.ResponderID;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.SingleResp;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcDigestCalculatorProvider;

/**
 * Whether an OCSP response fetched for a station is one the bridge may record as that station's
 * certificate status (the fleet view and its OCSP alert rely on it). It must be what a client
 * accepts (RFC 6960 section 3.2): a successful basic response (4.2.1) that answers for the very
 * certificate asked about (item 1), signed (item 2) by the certificate its responderID names
 * (4.2.2.3), which is the issuing CA itself or a delegated responder with id-kp-OCSPSigning issued
 * under the CA's name (items 3 and 4, 4.2.2.2), valid now, with a thisUpdate that is not in the
 * future (4.2.2.1). Only good and revoked say something about the certificate; unknown does not.
 *
 * <p>For the CA's own responders, asked over the bridge's own connection to the CA, a delegated
 * responder is taken as the CA's; for another operator's responder, named by a chain that
 * validated, the delegated responder's certificate must also carry the issuing CA's signature. A
 * response whose nextUpdate has passed is recorded as what it is: the station now holds a stale
 * status, which is what the OCSP alert is for.
 */
final class OcspVerification {
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
  private static final BcDigestCalculatorProvider DIGESTS = new BcDigestCalculatorProvider();

  private OcspVerification() {}

  /** What the check found. */
  sealed interface Result permits Verified, NotKnown, Unverified {}

  /** A response the bridge vouches for: what it says of the certificate, and for how long. */
  record Verified(OcspLog.Status status, Instant thisUpdate, Optional<Instant> nextUpdate)
      implements Result {}

  /**
   * A response the bridge vouches for in which the responder says it does not know the certificate
   * (RFC 6960 section 2.2, unknown): the issuer the CertID names has no such serial. It says
   * nothing about the certificate's status, so it is not recorded.
   */
  record NotKnown() implements Result {}

  /** Why a response is not recorded. */
  record Unverified(String reason) implements Result {}

  /**
   * Whether a verified answer says nothing about {@code now} any more: past its nextUpdate (with 5
   * minutes' leeway), or without one and older than an hour. It could be a replay of an answer from
   * before a revocation.
   */
  static boolean stale(Verified v, Instant now) {
    return v.nextUpdate()
        .map(next -> next.isBefore(now.minus(Duration.ofMinutes(5))))
        .orElse(v.thisUpdate().isBefore(now.minus(Duration.ofHours(1))));
  }

  static Result of(byte[] der, CertID asked, Instant now) {
    return of(der, asked, now, Optional.empty());
  }

  /**
   * As {@link #of(byte[], CertID, Instant)}, for an answer from a responder other than the CA's
   * own, reached over a connection that vouches for nothing: with the {@code issuer} of the
   * certificate asked about known (its chain validated), a delegated responder's certificate must
   * also be signed by that issuer's key (RFC 6960 section 4.2.2.2: issued directly by the CA).
   */
  static Result of(byte[] der, CertID asked, Instant now, Optional<X509CertificateHolder> issuer) {
    BasicOCSPResp basic;
    try {
      OCSPResp response = new OCSPResp(der);
      if (response.getStatus() != OCSPResp.SUCCESSFUL) {
        return new Unverified("responseStatus " + response.getStatus());
      }
      if (!(response.getResponseObject() instanceof BasicOCSPResp b)) {
        return new Unverified("not a basic OCSP response");
      }
      basic = b;
    } catch (IOException | OCSPException | RuntimeException e) {
      return new Unverified("not an OCSP response: " + e.getMessage());
    }
    Optional<SingleResp> single =
        Arrays.stream(basic.getResponses())
            .filter(r -> sameCertificate(r.getCertID().toASN1Primitive(), asked))
            .findFirst();
    if (single.isEmpty()) {
      return new Unverified("no response for the certificate asked about");
    }
    Optional<X509CertificateHolder> signer =
        Arrays.stream(basic.getCerts())
            .filter(c -> names(basic.getResponderId(), c) && signed(basic, c))
            .findFirst();
    if (signer.isEmpty()) {
      return new Unverified("not signed by the responder certificate it names");
    }
    Optional<String> unauthorized = unauthorized(signer.get(), asked, now, issuer);
    if (unauthorized.isPresent()) {
      return new Unverified(unauthorized.get());
    }
    SingleResp s = single.get();
    Instant thisUpdate = s.getThisUpdate().toInstant();
    if (thisUpdate.isAfter(now.plus(CLOCK_SKEW))) {
      return new Unverified("thisUpdate " + thisUpdate + " is in the future");
    }
    Object status = s.getCertStatus();
    if (status != null && !(status instanceof RevokedStatus)) {
      return new NotKnown();
    }
    return new Verified(
        status == null ? OcspLog.Status.GOOD : OcspLog.Status.REVOKED, // null: BC's GOOD
        thisUpdate,
        Optional.ofNullable(s.getNextUpdate()).map(Date::toInstant));
  }

  /** The CertID's four fields, compared one by one (an absent or NULL parameter alike). */
  private static boolean sameCertificate(CertID answered, CertID asked) {
    return answered
            .getHashAlgorithm()
            .getAlgorithm()
            .equals(asked.getHashAlgorithm().getAlgorithm())
        && answered.getIssuerNameHash().equals(asked.getIssuerNameHash())
        && answered.getIssuerKeyHash().equals(asked.getIssuerKeyHash())
        && answered.getSerialNumber().equals(asked.getSerialNumber());
  }

  /** RFC 6960 4.2.2.3: the responderID is the signer's name or the SHA-1 of its key. */
  private static boolean names(RespID responder, X509CertificateHolder c) {
    ResponderID id = responder.toASN1Primitive();
    if (id.getName() != null) {
      return id.getName().equals(c.getSubject());
    }
    byte[] key = c.getSubjectPublicKeyInfo().getPublicKeyData().getBytes();
    return hashes(new AlgorithmIdentifier(OIWObjectIdentifiers.idSHA1), key)
        .equals(Optional.of(new DEROctetString(id.getKeyHash())));
  }

  private static boolean signed(BasicOCSPResp basic, X509CertificateHolder c) {
    try {
      return basic.isSignatureValid(Verifiers.of(c.getSubjectPublicKeyInfo()));
    } catch (OperatorCreationException | OCSPException | RuntimeException e) {
      return false;
    }
  }

  /** RFC 6960 4.2.2.2: the CA itself, or a responder it delegated to; empty if authorized. */
  private static Optional<String> unauthorized(
      X509CertificateHolder signer,
      CertID asked,
      Instant now,
      Optional<X509CertificateHolder> issuer) {
    if (!signer.isValidOn(Date.from(now))) {
      return Optional.of("the responder certificate is not valid now");
    }
    AlgorithmIdentifier hash = asked.getHashAlgorithm();
    boolean theCa =
        hashes(hash, signer.getSubjectPublicKeyInfo().getPublicKeyData().getBytes())
                .equals(Optional.of(asked.getIssuerKeyHash()))
            && hashes(hash, encoded(signer.getSubject()))
                .equals(Optional.of(asked.getIssuerNameHash()));
    if (theCa) {
      return Optional.empty();
    }
    var eku =
        signer.getExtensions() == null
            ? null
            : ExtendedKeyUsage.fromExtensions(signer.getExtensions());
    if (eku == null || !eku.hasKeyPurposeId(KeyPurposeId.id_kp_OCSPSigning)) {
      return Optional.of("the responder is neither the CA nor one with id-kp-OCSPSigning");
    }
    if (!hashes(hash, encoded(signer.getIssuer())).equals(Optional.of(asked.getIssuerNameHash()))) {
      return Optional.of("the delegated responder is not issued under the CA's name");
    }
    if (issuer.isPresent() && !issuedBy(signer, issuer.get())) {
      return Optional.of("the delegated responder's certificate is not signed by the CA's key");
    }
    return Optional.empty();
  }

  private static boolean issuedBy(X509CertificateHolder signer, X509CertificateHolder issuer) {
    try {
      return signer.isSignatureValid(Verifiers.of(issuer.getSubjectPublicKeyInfo()));
    } catch (OperatorCreationException | org.bouncycastle.cert.CertException | RuntimeException e) {
      return false;
    }
  }

  /** A name's DER; none (matching no hash) if it cannot be encoded. */
  private static byte[] encoded(org.bouncycastle.asn1.x500.X500Name name) {
    try {
      return name.getEncoded();
    } catch (IOException e) {
      return new byte[0];
    }
  }

  /** The hash a CertID's algorithm makes of {@code data}; empty if the algorithm is unknown. */
  private static Optional<ASN1OctetString> hashes(AlgorithmIdentifier algorithm, byte[] data) {
    try {
      DigestCalculator calculator = DIGESTS.get(algorithm);
      try (OutputStream out = calculator.getOutputStream()) {
        out.write(data);
      }
      return Optional.of(new DEROctetString(calculator.getDigest()));
    } catch (OperatorCreationException | IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
