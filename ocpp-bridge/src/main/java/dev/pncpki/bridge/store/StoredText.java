package dev.pncpki.bridge.store;

/**
 * Free text as PostgreSQL can keep it: a text value cannot hold U+0000, so a NUL a caller sent (in
 * a refused station id, a station's techInfo) is kept as U+FFFD instead of failing the insert, and
 * the text is clipped to {@code max} characters.
 */
final class StoredText {
  private StoredText() {}

  static String of(String text, int max) {
    if (text == null) {
      return null;
    }
    String kept = text.replace('\u0000', '\uFFFD');
    return kept.length() > max ? kept.substring(0, max) : kept;
  }
}
