package dev.pncpki.ca.revocation;

import dev.pncpki.ca.keys.BackendContentSigner;
import dev.pncpki.ca.keys.KeyBackend;
import dev.pncpki.ca.keys.KeyBackendException;
import dev.pncpki.ca.keys.SignatureVerifiers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.CertID;
import org.bouncycastle.asn1.ocsp.ResponderID;
import org.bouncycastle.asn1.ocsp.RevokedInfo;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.cert.ocsp.UnknownStatus;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * One CA as its OCSP responder sees it: which CertIDs name it, and how its delegated OCSP signer
 * (RFC 6960 4.2.2.2, issued directly by the CA) signs a BasicOCSPResponse.
 */
final class OcspAuthority {
  /** CertID hash algorithms: SHA-1 (generic clients) and the SHA-2 ones OCPP allows (2.6). */
  private static final Map<ASN1ObjectIdentifier, String> DIGESTS =
      Map.of(
          OIWObjectIdentifiers.idSHA1, "SHA-1",
          NISTObjectIdentifiers.id_sha256, "SHA-256",
          NISTObjectIdentifiers.id_sha384, "SHA-384",
          NISTObjectIdentifiers.id_sha512, "SHA-512");

  /**
   * Every hash AlgorithmIdentifier accepted in a CertID: parameters absent or NULL (RFC 5754 2).
   * Anything else is refused, so the few forms a cached response can be keyed by are known.
   */
  static final List<AlgorithmIdentifier> ACCEPTED_HASHES =
      DIGESTS.keySet().stream()
          .flatMap(
              oid ->
                  Stream.of(
                      new AlgorithmIdentifier(oid), new AlgorithmIdentifier(oid, DERNull.INSTANCE)))
          .toList();

  private final IssuingCa ca;
  private final Map<ASN1ObjectIdentifier, byte[]> nameHashes;
  private final Map<ASN1ObjectIdentifier, byte[]> keyHashes;
  private final RespID responderId;

  OcspAuthority(IssuingCa ca) {
    this.ca = ca;
    checkSigner(ca);
    // RFC 6960 4.1.1: hash of the issuer's DER subject Name and of its subjectPublicKey BIT STRING
    // value (without tag, length and unused-bits octet).
    byte[] name = encoded(ca.certificate().getSubject());
    byte[] key = ca.certificate().getSubjectPublicKeyInfo().getPublicKeyData().getBytes();
    this.nameHashes = hashAll(name);
    this.keyHashes = hashAll(key);
    // byKey (RFC 6960 4.2.2.3): the SHA-1 of the signer's public key, shorter than its name
    byte[] signerKey = ca.ocspSignerKey().publicKey().getPublicKeyData().getBytes();
    this.responderId = new RespID(new ResponderID(new DEROctetString(digest("SHA-1", signerKey))));
  }

  IssuingCa ca() {
    return ca;
  }

  boolean names(CertID id) {
    if (!ACCEPTED_HASHES.contains(id.getHashAlgorithm())) {
      return false;
    }
    ASN1ObjectIdentifier alg = id.getHashAlgorithm().getAlgorithm();
    return MessageDigest.isEqual(nameHashes.get(alg), id.getIssuerNameHash().getOctets())
        && MessageDigest.isEqual(keyHashes.get(alg), id.getIssuerKeyHash().getOctets());
  }

  /** The CertID a request for {@code serial} with this hash algorithm carries. */
  CertID certId(AlgorithmIdentifier hash, BigInteger serial) {
    ASN1ObjectIdentifier alg = hash.getAlgorithm();
    return new CertID(
        hash,
        new DEROctetString(nameHashes.get(alg)),
        new DEROctetString(keyHashes.get(alg)),
        new ASN1Integer(serial));
  }

  /** The status of one requested certificate, under the CertID it was asked with. */
  record Answer(CertID id, CertificateStatus status) {}

  /** A successful OCSPResponse, echoing each CertID and the nonce exactly as they came. */
  byte[] sign(
      KeyBackend backend,
      List<Answer> answers,
      Optional<Extension> nonce,
      Instant now,
      Instant nextUpdate) {
    var builder = new BasicOCSPRespBuilder(responderId);
    for (Answer answer : answers) {
      builder.addResponse(
          new CertificateID(answer.id()),
          status(answer.status()),
          Date.from(now),
          Date.from(nextUpdate),
          null);
    }
    nonce.ifPresent(n -> builder.setResponseExtensions(new Extensions(n)));
    try {
      BasicOCSPResp basic =
          builder.build(
              new BackendContentSigner(backend, ca.ocspSignerKey()),
              new X509CertificateHolder[] {ca.ocspSignerCertificate()},
              Date.from(now));
      checkSignature(basic);
      return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
    } catch (OCSPException e) {
      // Bouncy Castle wraps what the signer throws; a backend failure must stay recognisable
      if (e.getCause() instanceof KeyBackendException backendFailure) {
        throw backendFailure;
      }
      throw new IllegalStateException("cannot build OCSP response of " + ca.id(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode OCSP response of " + ca.id(), e);
    }
  }

  /** RFC 6960 4.2.1: reason left out for unspecified, as in the CRL (RFC 5280 5.3.1). */
  private static org.bouncycastle.cert.ocsp.CertificateStatus status(CertificateStatus status) {
    return switch (status.state()) {
      case GOOD -> org.bouncycastle.cert.ocsp.CertificateStatus.GOOD;
      case UNKNOWN -> new UnknownStatus();
      case REVOKED -> {
        Instant at = status.revokedAt().orElseThrow().truncatedTo(ChronoUnit.SECONDS);
        RevocationReason reason = status.reason().orElse(RevocationReason.UNSPECIFIED);
        yield new RevokedStatus(
            new RevokedInfo(
                new ASN1GeneralizedTime(Date.from(at)),
                reason == RevocationReason.UNSPECIFIED ? null : CRLReason.lookup(reason.code())));
      }
    };
  }

  /**
   * Clients reject a response whose signer is neither the CA nor one it issued (RFC 6960 4.2.2.2),
   * so refuse to start with one.
   */
  private static void checkSigner(IssuingCa ca) {
    if (!ca.ocspSignerCertificate()
        .getSubjectPublicKeyInfo()
        .equals(ca.ocspSignerKey().publicKey())) {
      throw new IllegalArgumentException(
          "OCSP signer certificate of " + ca.id() + " is not for key " + ca.ocspSignerKey());
    }
    if (!ca.signsItsOwnOcsp()
        && !isSignedBy(ca.ocspSignerCertificate(), ca.certificate().getSubjectPublicKeyInfo())) {
      throw new IllegalArgumentException(
          "OCSP signer certificate of " + ca.id() + " is not issued by that CA (RFC 6960 4.2.2.2)");
    }
  }

  /** A wrong signature would be cached and served for days: check it once, when it is made. */
  private void checkSignature(BasicOCSPResp response) {
    try {
      var verifier =
          SignatureVerifiers.forIssuer(ca.ocspSignerCertificate().getSubjectPublicKeyInfo());
      if (!response.isSignatureValid(verifier)) {
        throw new KeyBackendException(
            "OCSP signature by " + ca.ocspSignerKey().reference() + " does not verify");
      }
    } catch (OperatorCreationException | OCSPException e) {
      throw new KeyBackendException("cannot verify OCSP signature of " + ca.id(), e);
    }
  }

  private static boolean isSignedBy(X509CertificateHolder certificate, SubjectPublicKeyInfo key) {
    try {
      return certificate.isSignatureValid(SignatureVerifiers.forIssuer(key));
    } catch (OperatorCreationException | CertException e) {
      return false;
    }
  }

  private static Map<ASN1ObjectIdentifier, byte[]> hashAll(byte[] data) {
    return DIGESTS.entrySet().stream()
        .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> digest(e.getValue(), data)));
  }

  private static byte[] digest(String algorithm, byte[] data) {
    try {
      return MessageDigest.getInstance(algorithm).digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] encoded(X500Name name) {
    try {
      return name.getEncoded("DER");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
