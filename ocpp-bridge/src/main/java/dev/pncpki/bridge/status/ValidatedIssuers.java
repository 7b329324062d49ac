package dev.pncpki.bridge.status;

import java.io.IOException;
import java.io.OutputStream;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.CertID;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.bc.BcDigestCalculatorProvider;

/**
 * The issuing CAs of chains that validated to a trusted root, found again by the issuer hashes of a
 * CertID (RFC 6960 section 4.1.1) under OCPP's three hash algorithms: hash data a station sends
 * names its issuer only by these, and an answer about it from another operator's responder is
 * believed only if that issuer (or a responder it certified) signed it. The most recent {@link
 * #MAX} are kept.
 */
final class ValidatedIssuers {
  private static final int MAX = 5_000;
  private static final List<ASN1ObjectIdentifier> ALGORITHMS =
      List.of(
          NISTObjectIdentifiers.id_sha256,
          NISTObjectIdentifiers.id_sha384,
          NISTObjectIdentifiers.id_sha512);
  private static final BcDigestCalculatorProvider DIGESTS = new BcDigestCalculatorProvider();

  private final Map<String, X509CertificateHolder> byHashes =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, X509CertificateHolder> eldest) {
          return size() > MAX * ALGORITHMS.size();
        }
      };

  synchronized void remember(X509CertificateHolder issuer) {
    for (ASN1ObjectIdentifier algorithm : ALGORITHMS) {
      try {
        byHashes.put(
            key(
                algorithm,
                hash(algorithm, issuer.getSubject().getEncoded()),
                hash(algorithm, issuer.getSubjectPublicKeyInfo().getPublicKeyData().getBytes())),
            issuer);
      } catch (IOException | OperatorCreationException e) {
        return; // a name that cannot be encoded names no CertID either
      }
    }
  }

  synchronized Optional<X509CertificateHolder> issuerOf(CertID asked) {
    return Optional.ofNullable(
        byHashes.get(
            key(
                asked.getHashAlgorithm().getAlgorithm(),
                asked.getIssuerNameHash().getOctets(),
                asked.getIssuerKeyHash().getOctets())));
  }

  private static String key(ASN1ObjectIdentifier algorithm, byte[] name, byte[] key) {
    return algorithm + ":" + HexFormat.of().formatHex(name) + ":" + HexFormat.of().formatHex(key);
  }

  private static byte[] hash(ASN1ObjectIdentifier algorithm, byte[] data)
      throws IOException, OperatorCreationException {
    DigestCalculator calculator = DIGESTS.get(new AlgorithmIdentifier(algorithm));
    try (OutputStream out = calculator.getOutputStream()) {
      out.write(data);
    }
    return calculator.getDigest();
  }
}
