package dev.pncpki.ca.roots;

import dev.pncpki.ca.refusal.Refusal;
import dev.pncpki.ca.refusal.RefusedException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What a pooled root anchors. The first four are the root types of Open Plug&Charge's root
 * certificate pool (RCP {@code rootType}): the V2G root (SECC and CPS chains, ISO 15118-2 Annex F),
 * mobility operator, OEM (provisioning certificates) and private-environment roots. The last two
 * are the OCPP roots a charging station holds (OCPP 2.0.1 InstallCertificate {@code
 * CSMSRootCertificate}, {@code ManufacturerRootCertificate}), which OPCP does not pool.
 */
public enum RootType {
  V2G(true),
  MO(true),
  OEM(true),
  PE(true),
  CSMS(false),
  MANUFACTURER(false);

  private final boolean iso15118;

  RootType(boolean iso15118) {
    this.iso15118 = iso15118;
  }

  /** An ISO 15118 root (one of OPCP's root types), whose key is P-256, P-521 or Ed448. */
  public boolean iso15118() {
    return iso15118;
  }

  /** As the API writes it: upper case, as OPCP does. */
  public String wire() {
    return name();
  }

  /** The type a request names, in any case (OPCP's query parameter is lower case). */
  public static RootType parse(String field, String value) {
    if (value != null) {
      for (RootType t : values()) {
        if (t.name().equalsIgnoreCase(value.strip())) {
          return t;
        }
      }
    }
    throw new RefusedException(
        Refusal.MALFORMED_REQUEST,
        field
            + " must be one of "
            + Arrays.stream(values())
                .map(t -> t.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.joining(", "))
            + ", not "
            + (value == null ? "missing" : "\"" + value + "\""));
  }
}
