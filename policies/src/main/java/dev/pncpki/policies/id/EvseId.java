package dev.pncpki.policies.id;

import static java.util.Objects.requireNonNull;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An EVSE ID in the ISO 15118-2:2014 Annex H form, via OPCP {@code 05_handling-of-ids}: {@code
 * <Country Code> <S> <EVSE Operator ID> <S> <ID Type "E"> <Power Outlet ID>}, with {@code <S>} an
 * optional {@code *}, e.g. {@code DE*ICE*E45B*78C}.
 *
 * <p>Each separator is optional on its own, as the ABNF reads (unlike the eMAID, no source asks for
 * all-or-none here). The separators are kept, not stripped: {@code *} is also legal inside the
 * power outlet ID, and the -2 {@code evseIDType} (7..37 characters) is sent as written. Only the
 * case is normalised. The DIN SPEC 91286 form ({@code +49*810*...}) is not an ISO EVSE ID and is
 * rejected.
 */
public record EvseId(String value) {

  private static final String KIND = "EVSE ID";

  // Unambiguous: the operator ID has a fixed length and cannot contain '*', so a '*' right after
  // it is always the separator. Power outlet ID 1..31 per MOBID's ISO parser.
  private static final Pattern SYNTAX =
      Pattern.compile("([A-Za-z]{2})\\*?([A-Za-z0-9]{3})\\*?[Ee]([A-Za-z0-9*]{1,31})");

  public EvseId {
    requireNonNull(value, "value");
    if (value.length() < 7 || value.length() > 37) {
      throw new InvalidIdentifierException(
          KIND,
          value,
          "has " + value.length() + " characters, the ISO 15118-2 evseIDType allows 7 to 37");
    }
    Ascii.requireAlphanumericOr(KIND, value, '*', "'*'");
    Ascii.requireCountryCode(KIND, value, value);
    if (!SYNTAX.matcher(value).matches()) {
      throw new InvalidIdentifierException(
          KIND,
          value,
          "is not <country>[*]<3-character operator ID>[*]E<power outlet ID>, as in DE*ICE*E45B*78C");
    }
    value = Ascii.upper(value);
  }

  public static EvseId parse(String input) {
    return new EvseId(input);
  }

  public String countryCode() {
    return value.substring(0, 2);
  }

  public String operatorId() {
    return parts().group(2);
  }

  /** Everything after the "E" ID type, including any '*' inside it. */
  public String powerOutletId() {
    return parts().group(3);
  }

  @Override
  public String toString() {
    return value;
  }

  private Matcher parts() {
    Matcher matcher = SYNTAX.matcher(value);
    if (!matcher.matches()) {
      throw new IllegalStateException("checked when built: " + value);
    }
    return matcher;
  }
}
