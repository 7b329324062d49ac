package dev.pncpki.ca.installation;

import dev.pncpki.ca.keys.KeyBackend;
import dev.pncpki.ca.keys.KeyHandle;
import dev.pncpki.contract.installation.XmlSignature;
import java.math.BigInteger;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;

/**
 * Signs with a CPS leaf key in the key backend (Vault/OpenBao Transit or software): the digest of
 * the version's algorithm (SHA-256 for ISO 15118-2, SHA-512 for -20) goes to the backend, whose DER
 * ECDSA signature becomes the raw r‖s the standards carry.
 */
final class CpsSigner implements XmlSignature.RawSigner {
  private final KeyBackend keys;
  private final KeyHandle key;
  private final XmlSignature.Algorithm algorithm;
  private final int half;

  CpsSigner(KeyBackend keys, KeyHandle key, XmlSignature.Algorithm algorithm) {
    this.keys = keys;
    this.key = key;
    this.algorithm = algorithm;
    this.half = algorithm == XmlSignature.Algorithm.ECDSA_P521_SHA512 ? 66 : 32;
  }

  @Override
  public byte[] sign(byte[] signedInfoExi) {
    byte[] der = keys.signDigest(key, algorithm.digest(signedInfoExi));
    ASN1Sequence sequence = ASN1Sequence.getInstance(der);
    byte[] raw = new byte[2 * half];
    fixed(ASN1Integer.getInstance(sequence.getObjectAt(0)).getValue(), raw, 0);
    fixed(ASN1Integer.getInstance(sequence.getObjectAt(1)).getValue(), raw, half);
    return raw;
  }

  private void fixed(BigInteger value, byte[] out, int offset) {
    byte[] bytes = value.toByteArray();
    int length = Math.min(bytes.length, half);
    System.arraycopy(bytes, bytes.length - length, out, offset + half - length, length);
  }
}
