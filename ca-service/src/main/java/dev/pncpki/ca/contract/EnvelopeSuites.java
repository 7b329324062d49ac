package dev.pncpki.ca.contract;

import dev.pncpki.contract.envelope.EnvelopeSuite;
import dev.pncpki.policies.profile.Suite;

/** Which contract-key envelope each certificate suite uses. */
final class EnvelopeSuites {
  private EnvelopeSuites() {}

  static EnvelopeSuite of(Suite suite) {
    return switch (suite) {
      case ISO15118_2 -> EnvelopeSuite.ISO15118_2;
      case ISO15118_20_P521 -> EnvelopeSuite.ISO15118_20_SECP521;
      case ISO15118_20_ED448 ->
          throw new IllegalArgumentException("no X448 contract-key envelope is supported");
    };
  }
}
