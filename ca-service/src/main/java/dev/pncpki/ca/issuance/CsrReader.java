package dev.pncpki.ca.issuance;

import dev.pncpki.ca.keys.SignatureVerifiers;
import dev.pncpki.ca.refusal.Refusal;
import dev.pncpki.ca.refusal.RefusedException;
import dev.pncpki.policies.profile.CertificateProfile;
import dev.pncpki.policies.profile.KeyRule;
import dev.pncpki.policies.profile.SubjectFields;
import java.io.IOException;
import java.io.StringReader;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;

/**
 * Reads and checks a PKCS#10 CSR: PEM framing, its own signature (proof of possession), and a key
 * of the profile's algorithm. Only CN, O and C are taken from its subject; the profile decides the
 * rest of the subject and all extensions, whatever the CSR asks for.
 */
final class CsrReader {
  private CsrReader() {}

  record Csr(PKCS10CertificationRequest request, SubjectFields subject) {}

  static Csr read(String pem, CertificateProfile profile) {
    PKCS10CertificationRequest csr = parse(pem);
    KeyRule keys = profile.rule(KeyRule.class);
    if (!keys.accepts(csr.getSubjectPublicKeyInfo())) {
      String actual = describeKey(csr.getSubjectPublicKeyInfo());
      throw new RefusedException(
          Refusal.WRONG_KEY_TYPE,
          "profile "
              + profile.label()
              + " needs a "
              + keys.accepted()
              + " key, the CSR has "
              + actual);
    }
    try {
      var verifier = SignatureVerifiers.forKey(csr.getSubjectPublicKeyInfo());
      if (!csr.isSignatureValid(verifier)) {
        throw new RefusedException(
            Refusal.CSR_SIGNATURE_INVALID,
            "the CSR's signature does not verify with its public key");
      }
    } catch (OperatorCreationException | PKCSException | IllegalArgumentException e) {
      throw new RefusedException(
          Refusal.CSR_SIGNATURE_INVALID,
          "the CSR's signature cannot be checked: " + e.getMessage());
    }
    X500Name name = csr.getSubject();
    String cn =
        first(name, BCStyle.CN)
            .orElseThrow(
                () -> new RefusedException(Refusal.PROFILE_VIOLATION, "the CSR subject has no CN"));
    return new Csr(csr, new SubjectFields(cn, first(name, BCStyle.O), first(name, BCStyle.C)));
  }

  /** "EC secp384r1", "RSA 2048 bits" and the like, for error messages. */
  static String describeKey(org.bouncycastle.asn1.x509.SubjectPublicKeyInfo key) {
    var alg = key.getAlgorithm();
    if (alg.getAlgorithm().equals(org.bouncycastle.asn1.x9.X9ObjectIdentifiers.id_ecPublicKey)
        && alg.getParameters() instanceof ASN1ObjectIdentifier curve) {
      String name = org.bouncycastle.asn1.x9.ECNamedCurveTable.getName(curve);
      return "EC " + (name != null ? name : curve.getId());
    }
    if (alg.getAlgorithm().equals(org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers.rsaEncryption)) {
      return KeyRule.describe(key); // "RSA 2048 bits"
    }
    return alg.getAlgorithm().getId();
  }

  private static PKCS10CertificationRequest parse(String pem) {
    if (pem == null || pem.isBlank()) {
      throw new RefusedException(Refusal.BAD_CSR, "csr is missing");
    }
    Object o;
    try (var parser = new PEMParser(new StringReader(pem))) {
      o = parser.readObject();
    } catch (IOException | RuntimeException e) {
      // Bouncy Castle reports bad base64 or DER with assorted runtime exceptions
      throw new RefusedException(
          Refusal.BAD_CSR, "csr is not a readable PEM PKCS#10 request: " + e.getMessage());
    }
    if (o instanceof PKCS10CertificationRequest csr) {
      return csr;
    }
    throw new RefusedException(
        Refusal.BAD_CSR, "csr must be one PEM \"CERTIFICATE REQUEST\" block");
  }

  private static Optional<String> first(X500Name name, ASN1ObjectIdentifier type) {
    RDN[] rdns = name.getRDNs(type);
    if (rdns.length == 0) {
      return Optional.empty();
    }
    var value = rdns[0].getFirst().getValue();
    return Optional.of(
        value instanceof org.bouncycastle.asn1.ASN1String s
            ? s.getString()
            : IETFUtils.valueToString(value));
  }
}
