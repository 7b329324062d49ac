package dev.pncpki.ca.installation;

import dev.pncpki.ca.keys.KeyBackend;
import dev.pncpki.ca.keys.KeyHandle;
import dev.pncpki.contract.installation.XmlSignature;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Sequence;

/**
 * Signs with the CPS leaf key in the key backend (Vault/OpenBao Transit or software): the SHA-256
 * digest goes to the backend, whose DER ECDSA signature becomes the raw r‖s of ISO 15118-2.
 */
final class CpsSigner implements XmlSignature.RawSigner {
  private final KeyBackend keys;
  private final KeyHandle key;

  CpsSigner(KeyBackend keys, KeyHandle key) {
    this.keys = keys;
    this.key = key;
  }

  @Override
  public byte[] sign(byte[] signedInfoExi) {
    byte[] der;
    try {
      der = keys.signDigest(key, MessageDigest.getInstance("SHA-256").digest(signedInfoExi));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    ASN1Sequence sequence = ASN1Sequence.getInstance(der);
    byte[] raw = new byte[64];
    fixed(ASN1Integer.getInstance(sequence.getObjectAt(0)).getValue(), raw, 0);
    fixed(ASN1Integer.getInstance(sequence.getObjectAt(1)).getValue(), raw, 32);
    return raw;
  }

  private static void fixed(BigInteger value, byte[] out, int offset) {
    byte[] bytes = value.toByteArray();
    int length = Math.min(bytes.length, 32);
    System.arraycopy(bytes, bytes.length - length, out, offset + 32 - length, length);
  }
}
