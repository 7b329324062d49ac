package dev.pncpki.contract.envelope;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.CBCBlockCipher;
import org.bouncycastle.crypto.modes.CBCModeCipher;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * AES-CBC without padding (-2) and AES-GCM (-20). BC's KeyParameter copies the key; that copy is
 * wiped here too (its getKey() returns the internal array). The AES round keys BC expands from it
 * cannot be reached and are left to the garbage collector.
 */
final class AesModes {
  private static final int GCM_TAG_BITS = 128; // [V2G20-2494]

  private AesModes() {}

  /** AES-CBC over whole blocks, no padding [V2G2-815], [V2G2-816]. */
  static byte[] cbc(boolean encrypt, byte[] key, byte[] iv, byte[] in, int inOff, int length) {
    if (length % 16 != 0) {
      throw new IllegalArgumentException("CBC input must be whole 16-byte blocks: " + length);
    }
    KeyParameter keyParameter = new KeyParameter(key);
    try {
      CBCModeCipher cbc = CBCBlockCipher.newInstance(AESEngine.newInstance());
      cbc.init(encrypt, new ParametersWithIV(keyParameter, iv));
      byte[] out = new byte[length];
      for (int offset = 0; offset < length; offset += 16) {
        cbc.processBlock(in, inOff + offset, out, offset);
      }
      return out;
    } finally {
      EcKeys.wipe(keyParameter.getKey());
    }
  }

  /** Ciphertext || 16-byte tag. */
  static byte[] gcmEncrypt(byte[] key, byte[] iv, byte[] aad, byte[] plaintext) {
    KeyParameter keyParameter = new KeyParameter(key);
    try {
      GCMModeCipher gcm = GCMBlockCipher.newInstance(AESEngine.newInstance());
      gcm.init(true, new AEADParameters(keyParameter, GCM_TAG_BITS, iv, aad));
      byte[] out = new byte[gcm.getOutputSize(plaintext.length)];
      int written = gcm.processBytes(plaintext, 0, plaintext.length, out, 0);
      gcm.doFinal(out, written);
      return out;
    } catch (InvalidCipherTextException e) {
      throw new IllegalStateException("GCM encryption cannot fail on a fresh cipher", e);
    } finally {
      EcKeys.wipe(keyParameter.getKey());
    }
  }

  /**
   * The plaintext, or an exception if the tag does not verify (nothing decrypted survives then).
   */
  static byte[] gcmDecrypt(byte[] key, byte[] iv, byte[] aad, byte[] in, int inOff, int length)
      throws InvalidCipherTextException {
    KeyParameter keyParameter = new KeyParameter(key);
    byte[] out = null;
    boolean verified = false;
    try {
      GCMModeCipher gcm = GCMBlockCipher.newInstance(AESEngine.newInstance());
      gcm.init(false, new AEADParameters(keyParameter, GCM_TAG_BITS, iv, aad));
      out = new byte[gcm.getOutputSize(length)];
      int written = gcm.processBytes(in, inOff, length, out, 0);
      gcm.doFinal(out, written);
      verified = true;
      return out;
    } finally {
      EcKeys.wipe(keyParameter.getKey());
      if (!verified) {
        EcKeys.wipe(out);
      }
    }
  }
}
