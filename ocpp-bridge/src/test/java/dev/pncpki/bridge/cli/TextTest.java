package dev.pncpki.bridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextTest {
  @Test
  void whatAStationSentCannotSteerTheTerminal() {
    String evil = "log\u001b[2J\u001b]0;owned\u0007.txt";
    assertThat(Text.terminalSafe(evil, true))
        .isEqualTo("log\\u001b[2J\\u001b]0;owned\\u0007.txt")
        .doesNotContain("\u001b");
    assertThat(Text.terminalSafe("a\u202Eb", true)).isEqualTo("a\\u202eb");
    assertThat(Text.terminalSafe("line 1\n\tline 2\n", true)).isEqualTo("line 1\n\tline 2\n");
    assertThat(Text.terminalSafe("Stadtwerke Müller ⚡", true)).isEqualTo("Stadtwerke Müller ⚡");
  }

  @Test
  void aTableCellStaysOnItsLine() {
    String table =
        Text.table(List.of(List.of("id", "detail"), List.of("CS-1", "forged\nCS-2  ok")));
    assertThat(table).isEqualTo("id    detail\nCS-1  forged\\u000aCS-2  ok\n");
  }
}
