package dev.pncpki.runtime.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlainTextTest {
  @Test
  void namesWhatMakesTextUnfitToStoreOrShow() {
    assertThat(PlainText.problem("Demo\u0000CPO")).contains("holds a control character (U+0000)");
    assertThat(PlainText.problem("a\u0085b")).contains("holds a control character (U+0085)");
    assertThat(PlainText.problem("abc\u202Efed"))
        .contains("holds a bidirectional control (U+202E)");
    assertThat(PlainText.problem("x\uD800")).contains("holds a lone surrogate (U+D800)");
    assertThat(PlainText.problem("\uDC00x")).contains("holds a lone surrogate (U+DC00)");
    assertThat(PlainText.problem("Stadtwerke Müller ⚡ 🔌")).isEmpty();
  }

  @Test
  void aBlockMayHoldLineBreaksAndALineMayNot() {
    String pem = "-----BEGIN X-----\r\nAAAA\n\t-----END X-----\n";
    assertThat(PlainText.problem(pem, true)).isEmpty();
    assertThat(PlainText.problem(pem)).isPresent();
    assertThat(PlainText.problem("a\u0000b", true)).isPresent();
  }

  @Test
  void cleanedTextKeepsWhatIsFineAndMarksTheRest() {
    assertThat(PlainText.cleaned("Wall\u001bbox \u202E🔌\uD800"))
        .isEqualTo("Wall\uFFFDbox \uFFFD🔌\uFFFD");
  }

  @Test
  void replacedLeavesPairsAloneAndReturnsTheSameTextWhenNothingChanges() {
    String plain = "plug 🔌 and charge";
    assertThat(PlainText.replaced(plain, c -> c == 0, c -> "?")).isSameAs(plain);
    assertThat(
            PlainText.replaced(
                "a\u0000🔌\uDC00",
                c -> c == 0 || c >= 0xD800 && c <= 0xDFFF,
                c -> "<%x>".formatted(c)))
        .isEqualTo("a<0>🔌<dc00>");
  }
}
