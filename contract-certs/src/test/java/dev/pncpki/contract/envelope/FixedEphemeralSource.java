package dev.pncpki.contract.envelope;

import org.bouncycastle.util.encoders.Hex;

/** Hands out one given ephemeral scalar and IV, to reproduce test vectors. */
final class FixedEphemeralSource implements EphemeralSource {
  private final byte[] scalar;
  private final byte[] iv;

  FixedEphemeralSource(String scalarHex, String ivHex) {
    this.scalar = Hex.decode(scalarHex);
    this.iv = Hex.decode(ivHex);
  }

  @Override
  public byte[] ephemeralScalar(EnvelopeSuite suite) {
    return scalar.clone(); // the encryptor wipes what it gets
  }

  @Override
  public byte[] iv(int length) {
    if (length != iv.length) {
      throw new IllegalArgumentException("asked for a " + length + "-byte IV, have " + iv.length);
    }
    return iv.clone();
  }
}
