package dev.pncpki.ca.installation;

import dev.pncpki.ca.keys.KeyBackend;
import dev.pncpki.ca.keys.KeyHandle;
import dev.pncpki.contract.installation.XmlSignature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import org.bouncycastle.asn1.nist.NISTNamedCurves;
import org.bouncycastle.crypto.signers.PlainDSAEncoding;
import org.bouncycastle.crypto.signers.StandardDSAEncoding;

/**
 * Signs with a CPS leaf key in the key backend (Vault/OpenBao Transit or software): the digest of
 * the version's algorithm (SHA-256 for ISO 15118-2, SHA-512 for -20) goes to the backend, whose DER
 * ECDSA signature becomes the raw r‖s the standards carry (Bouncy Castle's DSA encodings).
 */
final class CpsSigner implements XmlSignature.RawSigner {
  private final KeyBackend keys;
  private final KeyHandle key;
  private final XmlSignature.Algorithm algorithm;
  private final BigInteger order;

  CpsSigner(KeyBackend keys, KeyHandle key, XmlSignature.Algorithm algorithm) {
    this.keys = keys;
    this.key = key;
    this.algorithm = algorithm;
    this.order =
        NISTNamedCurves.getByName(
                algorithm == XmlSignature.Algorithm.ECDSA_P521_SHA512 ? "P-521" : "P-256")
            .getN();
  }

  @Override
  public byte[] sign(byte[] signedInfoExi) {
    byte[] der = keys.signDigest(key, algorithm.digest(signedInfoExi));
    try {
      BigInteger[] rs = StandardDSAEncoding.INSTANCE.decode(order, der);
      return PlainDSAEncoding.INSTANCE.encode(order, rs[0], rs[1]);
    } catch (IOException e) {
      throw new UncheckedIOException("the key backend's signature is not DER ECDSA", e);
    }
  }
}
