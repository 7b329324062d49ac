package dev.pncpki.policies.profile;

import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * Subject key and signature use the suite's algorithm (-2: P-256 and ecdsa-with-SHA256). A profile
 * may also take an RSA subject key of at least {@code minRsaBits} (0: none): the CSMS server
 * certificate, because OCPP 2.0.1 (Part 2, A00 Security, TLS) has a CSMS offer the
 * TLS_RSA_WITH_AES_*_GCM cipher suites, which need an RSA server key, and asks 112-bit strength of
 * keys (RSA 2048 bits). The signature stays the issuer's, so it is the suite's algorithm either
 * way.
 */
public record KeyRule(KeyAlgorithm algorithm, int minRsaBits, Clause source)
    implements CertificateRule {

  /** The suite's key only. */
  public KeyRule(KeyAlgorithm algorithm, Clause source) {
    this(algorithm, 0, source);
  }

  @Override
  public String name() {
    return "key-algorithm";
  }

  @Override
  public String describe() {
    return "subject key on "
        + algorithm.curveName()
        + (minRsaBits > 0 ? " or RSA of at least " + minRsaBits + " bits" : "")
        + ", signed with "
        + algorithm.signatureAlgorithm().getAlgorithm();
  }

  /** Whether a certificate of this profile may certify {@code key}. */
  public boolean accepts(SubjectPublicKeyInfo key) {
    return algorithm.isKeyOf(key)
        || rsaBits(key).filter(b -> minRsaBits > 0 && b >= minRsaBits).isPresent();
  }

  /** What {@link #accepts} takes, in words: "secp256r1" or "secp256r1 or RSA >= 2048 bits". */
  public String accepted() {
    return algorithm.curveName() + (minRsaBits > 0 ? " or RSA >= " + minRsaBits + " bits" : "");
  }

  @Override
  public void contribute(TemplateRequest request, TemplateDraft draft, List<Violation> out) {
    if (!accepts(request.subjectKey())) {
      out.add(
          violation("subject key is " + describe(request.subjectKey()) + ", not " + accepted()));
    }
    draft.signatureAlgorithm(algorithm.signatureAlgorithm());
  }

  @Override
  public void check(CertificateView cert, List<Violation> out) {
    var holder = cert.holder();
    if (!accepts(holder.getSubjectPublicKeyInfo())) {
      out.add(
          violation(
              "subject key is "
                  + describe(holder.getSubjectPublicKeyInfo())
                  + ", not "
                  + accepted()));
    }
    if (!algorithm.isSignatureOf(holder.getSignatureAlgorithm())) {
      out.add(
          violation(
              "signature algorithm is "
                  + holder.getSignatureAlgorithm().getAlgorithm()
                  + ", not "
                  + algorithm.signatureAlgorithm().getAlgorithm()));
    }
  }

  /** "secp256r1", "RSA 1024 bits" or the algorithm's OID. */
  public static String describe(SubjectPublicKeyInfo key) {
    return KeyAlgorithm.of(key)
        .map(KeyAlgorithm::curveName)
        .or(() -> rsaBits(key).map(b -> "RSA " + b + " bits"))
        .orElse(key.getAlgorithm().getAlgorithm().getId());
  }

  /** The modulus length of an RSA key (rsaEncryption, RFC 8017 A.1), if it is one. */
  static Optional<Integer> rsaBits(SubjectPublicKeyInfo key) {
    if (!key.getAlgorithm().getAlgorithm().equals(PKCSObjectIdentifiers.rsaEncryption)) {
      return Optional.empty();
    }
    try {
      return Optional.of(RSAPublicKey.getInstance(key.parsePublicKey()).getModulus().bitLength());
    } catch (java.io.IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
