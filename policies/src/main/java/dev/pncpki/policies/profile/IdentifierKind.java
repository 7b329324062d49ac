package dev.pncpki.policies.profile;

import dev.pncpki.policies.id.ChargingStationId;
import dev.pncpki.policies.id.Emaid;
import dev.pncpki.policies.id.EvseId;
import dev.pncpki.policies.id.InvalidIdentifierException;
import dev.pncpki.policies.id.Pcid;
import dev.pncpki.policies.id.SeccId;
import java.util.Locale;
import java.util.regex.Pattern;

/** What a certificate's subject CN must be, and its canonical form. */
public enum IdentifierKind {
  /** A CA or service name: printable text, 1..64 characters (RFC 5280 ub-common-name). */
  NAME,
  /** Contract leaf: CN = eMAID, without hyphens, upper case (ISO 15118-2 eMAIDType). */
  EMAID,
  /** OEM provisioning leaf: CN = PCID. */
  PCID,
  /** SECC leaf: CN = SECC ID (OCPP 2.0.1 ISO15118Ctrlr.SeccId), or the EVSE ID. */
  SECC,
  /** OCPP charging-station client certificate: CN = the station's serial (A00.FR.405). */
  CHARGING_STATION,
  /** CSMS server certificate: CN = the CSMS host name (OCPP 1.6 security whitepaper, 2.0.1 A00). */
  DNS_NAME;

  private static final Pattern PRINTABLE = Pattern.compile("[\\x20-\\x7E]{1,64}");
  private static final Pattern DNS =
      Pattern.compile(
          "(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

  /**
   * The canonical form of {@code value} for this kind. eMAIDs and PCIDs are normalised (upper case,
   * no hyphens) as the ISO 15118-2 schema carries them; SECC IDs and station identities are kept as
   * written, because stations put their configured value (OCPP SeccId, the identity in the
   * connection URL) into their CSRs and compare it literally.
   *
   * @throws IllegalArgumentException naming what is wrong
   */
  public String canonical(String value) {
    try {
      return switch (this) {
        case NAME -> {
          if (!PRINTABLE.matcher(value).matches() || value.isBlank()) {
            throw new IllegalArgumentException(
                "name \"" + value + "\" must be 1..64 printable ASCII characters");
          }
          yield value;
        }
        case EMAID -> Emaid.parse(value).value();
        case PCID -> Pcid.parse(value).value();
        case SECC -> secc(value);
        case CHARGING_STATION -> {
          ChargingStationId.parse(value);
          yield value;
        }
        case DNS_NAME -> {
          String lower = value.toLowerCase(Locale.ROOT);
          if (!DNS.matcher(lower).matches()) {
            throw new IllegalArgumentException("\"" + value + "\" is not a DNS host name");
          }
          yield lower;
        }
      };
    } catch (InvalidIdentifierException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private static String secc(String value) {
    try {
      SeccId.parse(value);
      return value;
    } catch (InvalidIdentifierException notSeccId) {
      try {
        EvseId.parse(value);
        return value;
      } catch (InvalidIdentifierException notEvseId) {
        throw new IllegalArgumentException(
            "\""
                + value
                + "\" is neither a SECC ID ("
                + notSeccId.getMessage()
                + ") nor an EVSE ID",
            notEvseId);
      }
    }
  }
}
