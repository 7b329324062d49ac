package dev.pncpki.ca.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class AuditEventTest {
  private static final Instant AT = Instant.parse("2026-12-01T10:00:00.123456Z");

  private static AuditEvent event(String detail) {
    return new AuditEvent(AT, "alice", "refused", "POST /v1/certificates", "bad-csr", detail);
  }

  @Test
  void aNulCharacterIsKeptAsAnEscapeThatPostgresqlCanStore() {
    assertThat(event("before\u0000after").detail()).isEqualTo("before\\u0000after");
  }

  @Test
  void loneSurrogatesAreEscapedAndPairsKept() {
    String face = new String(Character.toChars(0x1F600));
    assertThat(event("a\uD800b" + face + "\uDC00").detail())
        .isEqualTo("a\\ud800b" + face + "\\udc00");
    assertThat(event("ends high \uD83D").detail()).isEqualTo("ends high \\ud83d");
  }

  @Test
  void everyFieldIsMadeStorable() {
    var e = new AuditEvent(AT, "a\u0000", "b\u0000", "c\u0000", "d\u0000", null);
    assertThat(e.actor()).isEqualTo("a\\u0000");
    assertThat(e.action()).isEqualTo("b\\u0000");
    assertThat(e.target()).isEqualTo("c\\u0000");
    assertThat(e.outcome()).isEqualTo("d\\u0000");
    assertThat(e.detail()).isNull();
  }

  @Test
  void storingIsIdempotentSoAnEventReadBackHashesAlike() {
    var written = event("x\u0000y\uDFFFz");
    var readBack = event(written.detail());
    assertThat(readBack).isEqualTo(written);
    assertThat(readBack.chainHash(new byte[32])).isEqualTo(written.chainHash(new byte[32]));
  }

  @Test
  void plainTextIsLeftAsItIsSoOlderEventsKeepTheirHashes() {
    String text = "line one\nline two\ttab \u00e9 \u202e";
    assertThat(AuditEvent.storable(text)).isSameAs(text);
  }

  @Test
  void noTwoDifferentEventsHashAlike() {
    byte[] genesis = new byte[32];
    assertThat(event("ab").chainHash(genesis)).isNotEqualTo(event("a").chainHash(genesis));
    assertThat(event(null).chainHash(genesis)).isNotEqualTo(event("").chainHash(genesis));
    assertThat(event("x").chainHash(genesis)).isNotEqualTo(event("x").chainHash(new byte[] {1}));
  }
}
