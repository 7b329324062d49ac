package dev.pncpki.ca.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TableTest {

  @Test
  void alignsColumnsTwoSpacesApartWithoutTrailingSpaces() {
    String text =
        Table.withHeader("ID", "PROFILE", "NOT AFTER")
            .row("v2g-root", "V2G Root CA", Instant.parse("2066-01-01T00:00:00Z"))
            .row("cpo-sub-ca-2", "CPO Sub-CA 2", "x")
            .render();
    assertThat(text)
        .isEqualTo(
            """
            ID            PROFILE       NOT AFTER
            v2g-root      V2G Root CA   2066-01-01T00:00:00Z
            cpo-sub-ca-2  CPO Sub-CA 2  x
            """);
  }

  @Test
  void missingValuesShowAsADash() {
    assertThat(Table.withHeader("ID", "ISSUER").row("root", null).render())
        .isEqualTo("ID    ISSUER\nroot  -\n");
  }

  @Test
  void fieldsHaveNoHeader() {
    assertThat(Table.fields().row("serial", "0a1b").row("not after", "2027").render())
        .isEqualTo("serial     0a1b\nnot after  2027\n");
  }

  @Test
  void anEmptyTableIsItsHeader() {
    Table t = Table.withHeader("SERIAL", "SUBJECT");
    assertThat(t.size()).isZero();
    assertThat(t.render()).isEqualTo("SERIAL  SUBJECT\n");
  }

  @Test
  void emptyTrailingCellsLeaveNoTrailingSpace() {
    assertThat(Table.withHeader("A", "B").row("long value", "").render())
        .isEqualTo("A           B\nlong value\n");
  }

  @Test
  void controlAndBidiCharactersFromCsrsAreEscaped() {
    // a subject chosen to clear the admin's screen, break the row, or read right to left
    String text = Table.fields().row("subject", "CN=\u001b[2Jx\nO=y\u202eZ").render();
    assertThat(text).isEqualTo("subject  CN=\\u001b[2Jx\\u000aO=y\\u202eZ\n");
    assertThat(text.lines()).hasSize(1);
  }

  @Test
  void keepsOrdinaryUnicode() {
    assertThat(Table.printable("O=Müller GmbH")).isEqualTo("O=Müller GmbH");
  }

  @Test
  void refusesRowsOfTheWrongWidth() {
    assertThatThrownBy(() -> Table.withHeader("A", "B").row("only one"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
