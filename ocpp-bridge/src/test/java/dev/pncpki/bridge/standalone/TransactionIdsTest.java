package dev.pncpki.bridge.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class TransactionIdsTest {
  /** A generator whose every draw in a range is the given value. */
  private static RandomGenerator always(int value) {
    return new RandomGenerator() {
      @Override
      public long nextLong() {
        throw new UnsupportedOperationException();
      }

      @Override
      public int nextInt(int origin, int bound) {
        return value;
      }
    };
  }

  @Test
  void countsOnFromARandomStart() {
    var ids = new TransactionIds(always(41));
    assertThat(ids.next()).isEqualTo(42);
    assertThat(ids.next()).isEqualTo(43);
  }

  @Test
  void staysPositiveAfterTheLargestInt() {
    var ids = new TransactionIds(always(Integer.MAX_VALUE - 1));
    assertThat(ids.next()).isEqualTo(Integer.MAX_VALUE);
    assertThat(ids.next()).isEqualTo(1);
  }

  @Test
  void twoBridgesStartApart() {
    assertThat(TransactionIds.random().next()).isNotEqualTo(TransactionIds.random().next());
  }
}
