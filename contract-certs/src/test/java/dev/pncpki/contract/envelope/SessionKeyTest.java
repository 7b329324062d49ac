package dev.pncpki.contract.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import org.bouncycastle.crypto.Digest;
import org.bouncycastle.crypto.agreement.kdf.ConcatenationKDFGenerator;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.digests.SHA512Digest;
import org.bouncycastle.crypto.params.KDFParameters;
import org.bouncycastle.util.encoders.Hex;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SessionKeyTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final byte[] OTHER_INFO = Hex.decode("015556");

  /** Our KDF (written to wipe its hash block) computes what BC's ConcatenationKDFGenerator does. */
  @ParameterizedTest
  @ValueSource(ints = {16, 32, 33, 64, 65, 130})
  void concatKdfEqualsBouncyCastles(int keyBytes) {
    byte[] z = new byte[66];
    RANDOM.nextBytes(z);

    for (Digest digest : new Digest[] {new SHA256Digest(), new SHA512Digest()}) {
      ConcatenationKDFGenerator bc = new ConcatenationKDFGenerator(digest);
      bc.init(new KDFParameters(z, OTHER_INFO));
      byte[] expected = new byte[keyBytes];
      bc.generateBytes(expected, 0, keyBytes);

      Digest fresh = digest instanceof SHA256Digest ? new SHA256Digest() : new SHA512Digest();
      assertThat(SessionKey.concatKdf(fresh, z, OTHER_INFO, keyBytes)).isEqualTo(expected);
    }
  }
}
