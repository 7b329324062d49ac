package dev.pncpki.ca.roots;

import dev.pncpki.ca.keys.SignatureVerifiers;
import dev.pncpki.ca.refusal.Refusal;
import dev.pncpki.ca.refusal.RefusedException;
import dev.pncpki.policies.profile.KeyAlgorithm;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * Whether a certificate may be a root, a trust anchor (RFC 5280 6.1.1): self-issued with a
 * non-empty subject (4.1.2.6) and self-signed (its own key verifies its signature), a CA
 * (basicConstraints cA, 4.2.1.9) that signs certificates (keyCertSign, 4.2.1.3; keyUsage is
 * required of an ISO 15118 root, whose profile sets keyCertSign and cRLSign), valid now, with a key
 * and signature of its type: for an ISO 15118 root P-256 with ecdsa-with-SHA256, P-521 with
 * ecdsa-with-SHA512 or Ed448 (ISO 15118-2 V2G2-006, -007; -20 V2G20-2674, -2673, -2319); for an
 * OCPP root RSA of 2048 bits or more or EC P-256/P-384, signed with SHA-256 or stronger (OCPP 2.0.1
 * A00.FR.305-306). An intermediate, a leaf or an unreadable extension is refused.
 */
public final class RootCheck {
  private static final Set<ASN1ObjectIdentifier> OCPP_SIGNATURES =
      Set.of(
          PKCSObjectIdentifiers.sha256WithRSAEncryption,
          PKCSObjectIdentifiers.sha384WithRSAEncryption,
          PKCSObjectIdentifiers.sha512WithRSAEncryption,
          X9ObjectIdentifiers.ecdsa_with_SHA256,
          X9ObjectIdentifiers.ecdsa_with_SHA384,
          X9ObjectIdentifiers.ecdsa_with_SHA512);

  private RootCheck() {}

  public static void check(X509CertificateHolder root, RootType type, Instant now) {
    if (root.getSubject().getRDNs().length == 0) {
      throw notARoot("its subject is empty");
    }
    if (!root.getSubject().equals(root.getIssuer())) {
      throw notARoot("it is issued by " + root.getIssuer() + ", not by itself");
    }
    BasicConstraints constraints;
    KeyUsage usage;
    try {
      constraints = BasicConstraints.fromExtensions(root.getExtensions());
      usage = KeyUsage.fromExtensions(root.getExtensions());
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw notARoot("its basicConstraints or keyUsage cannot be read");
    }
    if (constraints == null || !constraints.isCA()) {
      throw notARoot("it is not a CA (basicConstraints cA is not set)");
    }
    if (usage == null && type.iso15118()) {
      throw notARoot("it has no keyUsage (an ISO 15118 root sets keyCertSign and cRLSign)");
    }
    if (usage != null && !usage.hasUsages(KeyUsage.keyCertSign)) {
      throw notARoot("its keyUsage lacks keyCertSign");
    }
    keyAndSignature(root, type);
    try {
      if (!root.isSignatureValid(SignatureVerifiers.forKey(root.getSubjectPublicKeyInfo()))) {
        throw notARoot("its own key does not verify its signature (not self-signed)");
      }
    } catch (OperatorCreationException | CertException | IllegalArgumentException e) {
      throw notARoot("its self-signature cannot be checked");
    }
    if (!root.isValidOn(Date.from(now))) {
      throw new RefusedException(
          Refusal.CERTIFICATE_EXPIRED,
          "the root is valid from "
              + root.getNotBefore().toInstant()
              + " to "
              + root.getNotAfter().toInstant()
              + ", not now");
    }
  }

  private static void keyAndSignature(X509CertificateHolder root, RootType type) {
    SubjectPublicKeyInfo key = root.getSubjectPublicKeyInfo();
    if (type.iso15118()) {
      Optional<KeyAlgorithm> algorithm = KeyAlgorithm.of(key);
      if (algorithm.isEmpty()) {
        throw new RefusedException(
            Refusal.WRONG_KEY_TYPE,
            "a " + type.wire() + " root's key must be P-256, P-521 or Ed448 (ISO 15118)");
      }
      if (!algorithm.get().isSignatureOf(root.getSignatureAlgorithm())) {
        throw new RefusedException(
            Refusal.WRONG_KEY_TYPE,
            "a "
                + algorithm.get().curveName()
                + " root is signed with "
                + algorithm.get().signatureAlgorithm().getAlgorithm()
                + ", not "
                + root.getSignatureAlgorithm().getAlgorithm());
      }
      return;
    }
    if (!OCPP_SIGNATURES.contains(root.getSignatureAlgorithm().getAlgorithm())) {
      throw new RefusedException(
          Refusal.WRONG_KEY_TYPE,
          "a "
              + type.wire()
              + " root is signed with RSA or ECDSA and SHA-256 or stronger, not "
              + root.getSignatureAlgorithm().getAlgorithm());
    }
    ASN1ObjectIdentifier keyType = key.getAlgorithm().getAlgorithm();
    if (keyType.equals(PKCSObjectIdentifiers.rsaEncryption)) {
      int bits = rsaBits(key);
      if (bits < 2048) {
        throw new RefusedException(
            Refusal.WRONG_KEY_TYPE, "an RSA root needs 2048 bits or more, not " + bits);
      }
      return;
    }
    boolean ec =
        keyType.equals(X9ObjectIdentifiers.id_ecPublicKey)
            && (SECObjectIdentifiers.secp256r1.equals(key.getAlgorithm().getParameters())
                || SECObjectIdentifiers.secp384r1.equals(key.getAlgorithm().getParameters()));
    if (!ec) {
      throw new RefusedException(
          Refusal.WRONG_KEY_TYPE,
          "a " + type.wire() + " root's key must be RSA (2048 bits or more), P-256 or P-384");
    }
  }

  private static int rsaBits(SubjectPublicKeyInfo key) {
    try {
      BigInteger modulus = RSAPublicKey.getInstance(key.parsePublicKey()).getModulus();
      return modulus.bitLength();
    } catch (IOException | IllegalArgumentException e) {
      throw notARoot("its RSA key cannot be read");
    }
  }

  private static RefusedException notARoot(String why) {
    return new RefusedException(Refusal.NOT_A_ROOT, "not a root certificate: " + why);
  }
}
