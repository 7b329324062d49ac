package dev.pncpki.runtime.text;

import java.util.Optional;

/**
 * Text an operator reads on a dashboard, in a log or a CSV: no control characters (a NUL cannot
 * even be stored, a newline forges log lines), no bidirectional overrides that would show a name
 * other than the one stored (Unicode TR #9; CVE-2021-42574 "Trojan Source"), no lone surrogate (not
 * Unicode at all).
 */
public final class PlainText {
  private PlainText() {}

  /** What is wrong with {@code text}, as the end of a sentence naming the field, or empty. */
  public static Optional<String> problem(String text) {
    return problem(text, false);
  }

  /**
   * The same for a block of lines (PEM, base64), whose lines may be separated by CR, LF or tab when
   * {@code lines} is true.
   */
  public static Optional<String> problem(String text, boolean lines) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (lines && (c == '\r' || c == '\n' || c == '\t')) {
        continue;
      }
      if (Character.isISOControl(c)) {
        return Optional.of("holds a control character (U+%04X)".formatted((int) c));
      }
      if (isBidiControl(c)) {
        return Optional.of("holds a bidirectional control (U+%04X)".formatted((int) c));
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return Optional.of("holds a lone surrogate (U+%04X)".formatted((int) c));
      }
    }
    return Optional.empty();
  }

  /** The explicit directional marks, embeddings, overrides and isolates. */
  public static boolean isBidiControl(char c) {
    return c == '\u061C'
        || c == '\u200E'
        || c == '\u200F'
        || (c >= '\u202A' && c <= '\u202E')
        || (c >= '\u2066' && c <= '\u2069');
  }

  /** {@code text} with every character {@link #problem} would name replaced by U+FFFD. */
  public static String cleaned(String text) {
    return replaced(
        text,
        c ->
            Character.isISOControl(c) || isBidiControl((char) c) || Character.isSurrogate((char) c),
        c -> "\uFFFD");
  }

  /**
   * {@code text} with each UTF-16 code unit that {@code unwanted} names written as {@code with}
   * gives it; a surrogate pair is one character and is never looked at, so {@code unwanted} sees
   * only lone surrogates. Returns {@code text} itself when nothing is replaced.
   */
  public static String replaced(
      String text,
      java.util.function.IntPredicate unwanted,
      java.util.function.IntFunction<String> with) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean pair =
          Character.isHighSurrogate(c)
              && i + 1 < text.length()
              && Character.isLowSurrogate(text.charAt(i + 1));
      if (pair) {
        if (out != null) {
          out.append(c).append(text.charAt(i + 1));
        }
        i++;
      } else if (unwanted.test(c)) {
        if (out == null) {
          out = new StringBuilder(text.length() + 8).append(text, 0, i);
        }
        out.append(with.apply(c));
      } else if (out != null) {
        out.append(c);
      }
    }
    return out == null ? text : out.toString();
  }
}
