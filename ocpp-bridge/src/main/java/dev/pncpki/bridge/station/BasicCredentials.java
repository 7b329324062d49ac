package dev.pncpki.bridge.station;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The user and password of an HTTP Basic {@code Authorization} header (RFC 7617), with the forms a
 * station's password may take: OCPP 2.0.1 sends its BasicAuthPassword as UTF-8 text; an OCPP 1.6
 * station may send its AuthorizationKey (configured as hex) as that text or as the raw bytes the
 * hex stands for (1.6 security whitepaper, section 2), so 16 to 20 bytes that are not text are also
 * tried as their hex.
 */
public record BasicCredentials(String user, List<String> passwords) {

  /** The credentials, or why the header holds none. */
  public static Result parse(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      return new Result(Optional.empty(), "no HTTP Basic credentials");
    }
    byte[] decoded;
    try {
      decoded = Base64.getDecoder().decode(authorization.substring(6).trim());
    } catch (IllegalArgumentException e) {
      return new Result(Optional.empty(), "credentials are not base64");
    }
    int colon = indexOf(decoded, (byte) ':');
    if (colon < 0) {
      return new Result(Optional.empty(), "credentials have no ':'");
    }
    String user = new String(decoded, 0, colon, StandardCharsets.UTF_8);
    byte[] password = Arrays.copyOfRange(decoded, colon + 1, decoded.length);
    List<String> forms = new ArrayList<>();
    Optional<String> text = utf8(password);
    text.ifPresent(forms::add);
    if (text.isEmpty() && password.length >= 16 && password.length <= 20) {
      forms.add(HexFormat.of().formatHex(password));
      forms.add(HexFormat.of().withUpperCase().formatHex(password));
    }
    return new Result(Optional.of(new BasicCredentials(user, List.copyOf(forms))), "");
  }

  /** Parsed credentials, or the reason there are none. */
  public record Result(Optional<BasicCredentials> credentials, String problem) {}

  /** Whether one of the password's forms matches the stored hash. */
  boolean matches(String storedHash, PasswordCheck check) {
    return passwords.stream().anyMatch(p -> check.matches(p, storedHash));
  }

  private static Optional<String> utf8(byte[] bytes) {
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  private static int indexOf(byte[] bytes, byte b) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }
}
