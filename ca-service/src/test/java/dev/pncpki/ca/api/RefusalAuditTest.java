package dev.pncpki.ca.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RefusalAuditTest {

  @Test
  void longTextIsCutAndShortTextKept() {
    assertThat(RefusalAudit.cut(null, 4)).isNull();
    assertThat(RefusalAudit.cut("abcd", 4)).isEqualTo("abcd");
    assertThat(RefusalAudit.cut("abcdef", 4)).isEqualTo("abcd...");
  }

  @Test
  void aSurrogatePairIsNeverSplit() {
    String face = new String(Character.toChars(0x1F600));
    assertThat(RefusalAudit.cut("abc" + face + "z", 4)).isEqualTo("abc...");
  }
}
