package dev.pncpki.runtime.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A port for embedded PostgreSQL: free now, and out of the range outgoing connections use. */
class LoopbackPortTest {
  @Test
  void aFreePortBelowTheEphemeralRange() {
    int low = LoopbackPort.ephemeralLow();
    for (int i = 0; i < 20; i++) {
      int port = LoopbackPort.free();
      assertThat(LoopbackPort.bindable(port)).isTrue();
      if (low - 20_000 >= 1_000) {
        assertThat(port).isBetween(20_000, low - 1);
      }
    }
  }
}
