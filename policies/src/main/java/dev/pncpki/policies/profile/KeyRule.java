package dev.pncpki.policies.profile;

import java.math.BigInteger;
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
 * keys (RSA 2048 bits). The RSA key is also bounded as CA/Browser Forum practice bounds it
 * (Baseline Requirements 6.1.5 and 6.1.6): an odd modulus of at most {@value #MAX_RSA_BITS} bits
 * and an odd public exponent with 65537 <= e < 2^256, which keeps out keys too slow to use and the
 * small exponents some implementations handle badly. The signature stays the issuer's, so it is the
 * suite's algorithm either way.
 */
public record KeyRule(KeyAlgorithm algorithm, int minRsaBits, Clause source)
    implements CertificateRule {
  /** The largest RSA modulus taken, in bits. */
  static final int MAX_RSA_BITS = 8192;

  private static final BigInteger MIN_RSA_EXPONENT = BigInteger.valueOf(65537);
  private static final BigInteger RSA_EXPONENT_BOUND = BigInteger.ONE.shiftLeft(256);

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
        + (minRsaBits > 0
            ? " or RSA of "
                + minRsaBits
                + ".."
                + MAX_RSA_BITS
                + " bits with an odd public exponent, 65537 <= e < 2^256 (CA/Browser Forum practice)"
            : "")
        + ", signed with "
        + algorithm.signatureAlgorithm().getAlgorithm();
  }

  /** Whether a certificate of this profile may certify {@code key}. */
  public boolean accepts(SubjectPublicKeyInfo key) {
    return algorithm.isKeyOf(key)
        || (minRsaBits > 0 && rsaKey(key).filter(this::sound).isPresent());
  }

  private boolean sound(RSAPublicKey key) {
    BigInteger n = key.getModulus();
    BigInteger e = key.getPublicExponent();
    return n.bitLength() >= minRsaBits
        && n.bitLength() <= MAX_RSA_BITS
        && n.testBit(0)
        && e.testBit(0)
        && e.compareTo(MIN_RSA_EXPONENT) >= 0
        && e.compareTo(RSA_EXPONENT_BOUND) < 0;
  }

  /**
   * What {@link #accepts} takes, in words: "secp256r1" or "secp256r1 or RSA 2048..8192 bits (odd e,
   * 65537 <= e < 2^256)".
   */
  public String accepted() {
    return algorithm.curveName()
        + (minRsaBits > 0
            ? " or RSA " + minRsaBits + ".." + MAX_RSA_BITS + " bits (odd e, 65537 <= e < 2^256)"
            : "");
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

  /** "secp256r1", "RSA 1024 bits", "RSA 2048 bits, e = 3" or the algorithm's OID. */
  public static String describe(SubjectPublicKeyInfo key) {
    return KeyAlgorithm.of(key)
        .map(KeyAlgorithm::curveName)
        .or(() -> rsaKey(key).map(KeyRule::describe))
        .orElse(key.getAlgorithm().getAlgorithm().getId());
  }

  private static String describe(RSAPublicKey key) {
    BigInteger n = key.getModulus();
    BigInteger e = key.getPublicExponent();
    String exponent =
        e.equals(MIN_RSA_EXPONENT)
            ? ""
            : e.bitLength() <= 64 ? ", e = " + e : ", e of " + e.bitLength() + " bits";
    return "RSA " + n.bitLength() + " bits" + (n.testBit(0) ? "" : ", even modulus") + exponent;
  }

  /** The modulus length of an RSA key (rsaEncryption, RFC 8017 A.1), if it is one. */
  static Optional<Integer> rsaBits(SubjectPublicKeyInfo key) {
    return rsaKey(key).map(k -> k.getModulus().bitLength());
  }

  private static Optional<RSAPublicKey> rsaKey(SubjectPublicKeyInfo key) {
    if (!key.getAlgorithm().getAlgorithm().equals(PKCSObjectIdentifiers.rsaEncryption)) {
      return Optional.empty();
    }
    try {
      return Optional.of(RSAPublicKey.getInstance(key.parsePublicKey()));
    } catch (java.io.IOException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
