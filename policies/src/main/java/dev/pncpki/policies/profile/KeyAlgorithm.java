package dev.pncpki.policies.profile;

import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * The key and signature algorithms of the V2G PKI generations. A certificate's subject key and its
 * signature (by an issuer of the same generation) both use one of these.
 */
public enum KeyAlgorithm {
  /** secp256r1 with ecdsa-with-SHA256 [V2G2-006], [V2G2-007]. */
  EC_P256(SECObjectIdentifiers.secp256r1, X9ObjectIdentifiers.ecdsa_with_SHA256, "SHA-256", 32),
  /** secp521r1 with ecdsa-with-SHA512 [V2G20-2674], [V2G20-2673]. */
  EC_P521(SECObjectIdentifiers.secp521r1, X9ObjectIdentifiers.ecdsa_with_SHA512, "SHA-512", 66),
  /** Ed448, pure EdDSA (RFC 8410) [V2G20-2319]; only backends that can sign whole messages. */
  ED448(null, EdECObjectIdentifiers.id_Ed448, null, 57);

  private final ASN1ObjectIdentifier curve;
  private final ASN1ObjectIdentifier signatureOid;
  private final String digest;
  private final int fieldBytes;

  KeyAlgorithm(
      ASN1ObjectIdentifier curve,
      ASN1ObjectIdentifier signatureOid,
      String digest,
      int fieldBytes) {
    this.curve = curve;
    this.signatureOid = signatureOid;
    this.digest = digest;
    this.fieldBytes = fieldBytes;
  }

  public AlgorithmIdentifier signatureAlgorithm() {
    return new AlgorithmIdentifier(signatureOid);
  }

  /** The JCA digest name signed over (ECDSA), or empty for pure EdDSA, which signs the message. */
  public Optional<String> digestName() {
    return Optional.ofNullable(digest);
  }

  /** Length in bytes of one field element: r and s of an ECDSA signature, or an Ed448 key. */
  public int fieldBytes() {
    return fieldBytes;
  }

  /** The standard curve name (secp256r1, secp521r1) or "Ed448". */
  public String curveName() {
    return switch (this) {
      case EC_P256 -> "secp256r1";
      case EC_P521 -> "secp521r1";
      case ED448 -> "Ed448";
    };
  }

  public boolean isKeyOf(SubjectPublicKeyInfo key) {
    AlgorithmIdentifier alg = key.getAlgorithm();
    if (curve == null) {
      return alg.getAlgorithm().equals(EdECObjectIdentifiers.id_Ed448);
    }
    return alg.getAlgorithm().equals(X9ObjectIdentifiers.id_ecPublicKey)
        && curve.equals(alg.getParameters());
  }

  public boolean isSignatureOf(AlgorithmIdentifier signature) {
    return signature.getAlgorithm().equals(signatureOid) && signature.getParameters() == null;
  }

  /** Which algorithm a public key belongs to, if any of ours. */
  public static Optional<KeyAlgorithm> of(SubjectPublicKeyInfo key) {
    for (KeyAlgorithm a : values()) {
      if (a.isKeyOf(key)) {
        return Optional.of(a);
      }
    }
    return Optional.empty();
  }
}
