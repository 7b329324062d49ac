package dev.pncpki.ca.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Columns aligned with two spaces between them, for people to read; scripts use {@code --json}.
 * Cells may hold text from CSRs (subjects), so control characters are shown escaped rather than
 * sent to the admin's terminal.
 */
final class Table {
  private static final String GAP = "  ";
  private final List<String> header;
  private final int columns;
  private final List<List<String>> rows = new ArrayList<>();

  private Table(List<String> header, int columns) {
    this.header = header;
    this.columns = columns;
  }

  /** A table whose first line names the columns. */
  static Table withHeader(String... names) {
    return new Table(List.of(names), names.length);
  }

  /** Label-value lines without a header, for one record. */
  static Table fields() {
    return new Table(List.of(), 2);
  }

  /** Adds a row; {@code null} cells print as "-". */
  Table row(Object... cells) {
    if (cells.length != columns) {
      throw new IllegalArgumentException(
          "row has " + cells.length + " cells, the table " + columns + " columns");
    }
    rows.add(Arrays.stream(cells).map(Table::cell).toList());
    return this;
  }

  int size() {
    return rows.size();
  }

  /** The lines, each ending in a newline; no trailing spaces. */
  String render() {
    List<List<String>> all = new ArrayList<>();
    if (!header.isEmpty()) {
      all.add(header);
    }
    all.addAll(rows);
    int[] widths = new int[columns];
    for (List<String> r : all) {
      for (int i = 0; i < columns; i++) {
        widths[i] = Math.max(widths[i], r.get(i).length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (List<String> r : all) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < columns; i++) {
        line.append(r.get(i));
        if (i < columns - 1) {
          line.append(" ".repeat(widths[i] - r.get(i).length())).append(GAP);
        }
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  static String cell(Object value) {
    if (value == null) {
      return "-";
    }
    return printable(value.toString());
  }

  /**
   * Escapes control and format characters (terminal escape sequences, newlines, bidi overrides that
   * would make a subject read differently from what it is) as \\uXXXX.
   */
  static String printable(String text) {
    StringBuilder b = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            c -> {
              if (Character.isISOControl(c)
                  || Character.getType(c) == Character.FORMAT
                  || c == 0x2028
                  || c == 0x2029) {
                b.append(String.format(Locale.ROOT, "\\u%04x", c));
              } else {
                b.appendCodePoint(c);
              }
            });
    return b.toString();
  }
}
