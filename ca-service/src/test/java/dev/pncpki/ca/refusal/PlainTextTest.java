package dev.pncpki.ca.refusal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PlainTextTest {

  @Test
  void passesTextAndNull() {
    assertThat(PlainText.line("oem", "OEM Ä 😀")).isEqualTo("OEM Ä 😀");
    assertThat(PlainText.line("oem", null)).isNull();
    String pem = "-----BEGIN CERTIFICATE REQUEST-----\r\nMIIB\tAA==\n-----END";
    assertThat(PlainText.block("csr", pem)).isEqualTo(pem);
  }

  @Test
  void refusesNulAndOtherControlsNamingTheField() {
    assertThatThrownBy(() -> PlainText.line("identity", "CS\u0000001"))
        .isInstanceOfSatisfying(
            RefusedException.class,
            e -> assertThat(e.refusal()).isEqualTo(Refusal.MALFORMED_REQUEST))
        .hasMessage("identity holds a control character (U+0000)");
    assertThatThrownBy(() -> PlainText.line("reason", "a\nb"))
        .hasMessage("reason holds a control character (U+000A)");
    assertThatThrownBy(() -> PlainText.line("oem", "a\u0085b"))
        .hasMessage("oem holds a control character (U+0085)");
    assertThatThrownBy(() -> PlainText.block("csr", "MII\u0000B"))
        .hasMessage("csr holds a control character (U+0000)");
    assertThatThrownBy(() -> PlainText.block("csr", "MII\u001bB"))
        .hasMessage("csr holds a control character (U+001B)");
  }

  @Test
  void refusesBidirectionalControlsAndLoneSurrogates() {
    assertThatThrownBy(() -> PlainText.line("oem", "abc\u202Efed"))
        .hasMessage("oem holds a bidirectional control (U+202E)");
    assertThatThrownBy(() -> PlainText.line("oem", "a\uD800"))
        .hasMessage("oem holds a lone surrogate (U+D800)");
    assertThatThrownBy(() -> PlainText.line("oem", "\uDC00a"))
        .hasMessage("oem holds a lone surrogate (U+DC00)");
  }
}
