package dev.pncpki.bridge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Plain-text renderings of the admin API's JSON. */
final class Text {
  private Text() {}

  /** A delivery and how far it got. */
  static String delivery(JsonNode d) {
    var out = new StringBuilder();
    out.append("delivery ")
        .append(d.path("id").asLong())
        .append(": ")
        .append(d.path("action").asText())
        .append(" to ")
        .append(d.path("stationId").asText())
        .append(" (")
        .append(d.path("route").asText())
        .append("): ")
        .append(d.path("state").asText());
    out.append(", attempt ")
        .append(d.path("attempts").asInt())
        .append(" of ")
        .append(d.path("maxAttempts").asInt())
        .append('\n');
    if (d.has("answer")) {
      out.append("  answer: ").append(d.path("answer")).append('\n');
    }
    if (d.has("lastError")) {
      out.append("  last error: ").append(d.path("lastError").asText()).append('\n');
    }
    if (d.path("state").asText().matches("pending|sending")) {
      out.append("  still on its way; follow it with: delivery ")
          .append(d.path("id").asLong())
          .append('\n');
    }
    return out.toString();
  }

  /** The certificates in a GetInstalledCertificateIds answer (2.0.1 chains or 1.6 hash data). */
  static String installed(JsonNode answer) {
    var out = new StringBuilder();
    for (JsonNode h : answer.path("certificateHashDataChain")) {
      out.append("  ")
          .append(h.path("certificateType").asText())
          .append(" serial ")
          .append(h.path("certificateHashData").path("serialNumber").asText())
          .append('\n');
    }
    for (JsonNode h : answer.path("certificateHashData")) {
      out.append("  serial ").append(h.path("serialNumber").asText()).append('\n');
    }
    return out.toString();
  }

  /**
   * {@code text} safe to print on a terminal: control and format characters (escape sequences a
   * station could slip into a file name or an event's detail, bidirectional overrides) written as
   * {@code \\uXXXX}; line breaks and tabs stay when {@code lines} is true, for whole answers.
   */
  static String terminalSafe(String text, boolean lines) {
    StringBuilder b = new StringBuilder(text.length());
    text.codePoints()
        .forEach(
            c -> {
              boolean layout = lines && (c == '\n' || c == '\t');
              if (!layout
                  && (Character.isISOControl(c)
                      || Character.getType(c) == Character.FORMAT
                      || c == 0x2028
                      || c == 0x2029)) {
                b.append(String.format(java.util.Locale.ROOT, "\\u%04x", c));
              } else {
                b.appendCodePoint(c);
              }
            });
    return b.toString();
  }

  /** Left-aligned columns, the first row being the header; each cell on one line. */
  static String table(List<List<String>> rows) {
    rows =
        rows.stream()
            .map(row -> row.stream().map(cell -> terminalSafe(cell, false)).toList())
            .toList();
    int columns = rows.get(0).size();
    int[] width = new int[columns];
    for (List<String> row : rows) {
      for (int i = 0; i < columns; i++) {
        width[i] = Math.max(width[i], row.get(i).length());
      }
    }
    var out = new StringBuilder();
    for (List<String> row : rows) {
      List<String> cells = new ArrayList<>();
      for (int i = 0; i < columns; i++) {
        cells.add(i == columns - 1 ? row.get(i) : pad(row.get(i), width[i]));
      }
      out.append(String.join("  ", cells).stripTrailing()).append('\n');
    }
    return out.toString();
  }

  private static String pad(String s, int width) {
    return s + " ".repeat(width - s.length());
  }

  /** "ChargingStationCertificate 364d Accepted, ..." */
  static String certificates(JsonNode certificates) {
    List<String> parts = new ArrayList<>();
    for (JsonNode c : certificates) {
      parts.add(
          c.path("certificateType").asText().replace("Certificate", "")
              + " "
              + c.path("daysLeft").asLong()
              + "d "
              + c.path("status").asText());
    }
    return parts.isEmpty() ? "-" : String.join(", ", parts);
  }
}
