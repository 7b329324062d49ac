package dev.pncpki.bridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operations page's DOM as headless Chromium dumps it, read with a few regular expressions
 * (Jsoup is not on the test classpath): the page's hooks are ids and {@code data-*} attributes,
 * which Chromium serializes verbatim.
 */
final class PageDom {
  private static final Pattern ATTRIBUTE = Pattern.compile("([\\w:-]+)(?:=\"([^\"]*)\")?");

  private PageDom() {}

  /** The attributes of every {@code <tag ...>} in {@code html}, in document order. */
  static List<Map<String, String>> tags(String html, String tag) {
    List<Map<String, String>> found = new ArrayList<>();
    Matcher m = Pattern.compile("<" + tag + "(\\s[^>]*)?>").matcher(html);
    while (m.find()) {
      Map<String, String> attributes = new LinkedHashMap<>();
      Matcher a = ATTRIBUTE.matcher(m.group(1) == null ? "" : m.group(1));
      while (a.find()) {
        attributes.put(a.group(1), a.group(2) == null ? "" : unescape(a.group(2)));
      }
      found.add(attributes);
    }
    return found;
  }

  /** The first {@code <tag>} with {@code attribute="value"} up to its end (tags not nested). */
  static String element(String html, String tag, String attribute, String value) {
    Matcher m = matcher(html, tag, attribute, value);
    assertThat(m.find()).as("<%s %s=\"%s\"> in the page", tag, attribute, value).isTrue();
    return m.group();
  }

  /** Every {@code <tag>} with {@code attribute} (any value), each up to its end. */
  static List<String> elements(String html, String tag, String attribute) {
    Matcher m =
        Pattern.compile(
                "<" + tag + "\\s[^>]*" + attribute + "=\"[^\"]*\"[^>]*>.*?</" + tag + ">",
                Pattern.DOTALL)
            .matcher(html);
    List<String> found = new ArrayList<>();
    while (m.find()) {
      found.add(m.group());
    }
    return found;
  }

  private static Matcher matcher(String html, String tag, String attribute, String value) {
    return Pattern.compile(
            "<"
                + tag
                + "\\s[^>]*"
                + attribute
                + "=\""
                + Pattern.quote(value)
                + "\"[^>]*>.*?</"
                + tag
                + ">",
            Pattern.DOTALL)
        .matcher(html);
  }

  /** The value of {@code attribute} on the first {@code <tag>} of {@code html}. */
  static String attribute(String html, String tag, String attribute) {
    return tags(html, tag).getFirst().get(attribute);
  }

  static String text(String html) {
    return unescape(html.replaceAll("<[^>]*>", " ").replaceAll("\\s+", " ").strip());
  }

  static String unescape(String s) {
    return s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&");
  }
}
