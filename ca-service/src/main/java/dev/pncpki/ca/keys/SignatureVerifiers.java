package dev.pncpki.ca.keys;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.util.PublicKeyFactory;
import org.bouncycastle.operator.ContentVerifierProvider;
import org.bouncycastle.operator.DefaultDigestAlgorithmIdentifierFinder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcECContentVerifierProviderBuilder;
import org.bouncycastle.operator.bc.BcEdDSAContentVerifierProviderBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;

/**
 * Signature verification for the keys this PKI uses (EC P-256/P-521, Ed448), with Bouncy Castle's
 * lightweight code: its curve-specific field arithmetic verifies a P-256 signature several times
 * faster than the JDK's generic provider, and every issuance verifies two (the CSR's
 * proof-of-possession and the backend's signature on the new certificate). Other key types fall
 * back to the JCA.
 *
 * <p>Issuer keys sign thousands of certificates, so their verifiers are kept: the decoded point
 * then carries Bouncy Castle's precomputed multiples, which halves the cost again.
 */
public final class SignatureVerifiers {
  private static final int MAX_ISSUER_KEYS = 1024;
  private static final Map<SubjectPublicKeyInfo, ContentVerifierProvider> ISSUERS =
      new ConcurrentHashMap<>();

  private SignatureVerifiers() {}

  /** A verifier for a key seen once, such as a CSR's. */
  public static ContentVerifierProvider forKey(SubjectPublicKeyInfo key)
      throws OperatorCreationException {
    var algorithm = key.getAlgorithm().getAlgorithm();
    try {
      if (algorithm.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
        return new BcECContentVerifierProviderBuilder(new DefaultDigestAlgorithmIdentifierFinder())
            .build(decode(key));
      }
      if (algorithm.equals(EdECObjectIdentifiers.id_Ed448)
          || algorithm.equals(EdECObjectIdentifiers.id_Ed25519)) {
        return new BcEdDSAContentVerifierProviderBuilder().build(decode(key));
      }
    } catch (IOException | IllegalArgumentException e) {
      throw new OperatorCreationException("unusable public key: " + e.getMessage(), e);
    }
    return new JcaContentVerifierProviderBuilder().build(key);
  }

  /** A verifier for an issuer's key, kept for the next certificate the same key signs. */
  public static ContentVerifierProvider forIssuer(SubjectPublicKeyInfo key)
      throws OperatorCreationException {
    ContentVerifierProvider known = ISSUERS.get(key);
    if (known != null) {
      return known;
    }
    ContentVerifierProvider made = forKey(key);
    if (ISSUERS.size() >= MAX_ISSUER_KEYS) {
      ISSUERS.clear(); // far more issuer keys than any hierarchy has: start over, stay bounded
    }
    ISSUERS.put(key, made);
    return made;
  }

  private static AsymmetricKeyParameter decode(SubjectPublicKeyInfo key) throws IOException {
    return PublicKeyFactory.createKey(key);
  }
}
