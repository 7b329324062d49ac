package dev.pncpki.ca.keys;

import java.util.regex.Pattern;

/**
 * The name of a key in its backend (a Transit key name, a keystore file name). Restricted so that
 * it is safe in a URL path and a file name, and so that Vault ACL globs on a prefix hold.
 */
public record KeyName(String value) {
  private static final Pattern SYNTAX = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  public KeyName {
    if (value == null || !SYNTAX.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "key name \"" + value + "\" must be 1..63 of a-z, 0-9 and '-', not starting with '-'");
    }
  }

  @Override
  public String toString() {
    return value;
  }
}
