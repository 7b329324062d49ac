package dev.pncpki.bridge.truststore;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code trustStore} in the configuration (each left out takes its default): {@code mode} {@code
 * off} (the default: the bridge leaves trust stores alone), {@code report} (asks stations what they
 * hold and shows where it differs from policy) or {@code enforce} (also installs and deletes);
 * {@code types}, the OCPP certificate types it manages ({@code V2GRootCertificate} and {@code
 * MORootCertificate}; {@code CSMSRootCertificate} and {@code ManufacturerRootCertificate} may be
 * added for 2.0.1 and 2.1 stations, {@code OEMRootCertificate} for 2.1 stations); {@code iso15118},
 * the ISO 15118 versions whose V2G and MO roots stations hold ({@code ["2"]}; add {@code "20"});
 * {@code checkIntervalSeconds} (3600), how old a station's answer may get before it is asked again.
 */
public record TrustStoreSettings(
    String mode, List<String> types, List<String> iso15118, Integer checkIntervalSeconds) {

  /** What the bridge does with stations' trust stores. */
  public enum Mode {
    OFF,
    REPORT,
    ENFORCE
  }

  static final Set<String> TYPES =
      Set.of(
          "V2GRootCertificate",
          "MORootCertificate",
          "CSMSRootCertificate",
          "ManufacturerRootCertificate",
          "OEMRootCertificate");

  public TrustStoreSettings {
    mode = mode == null ? "off" : mode.toLowerCase(Locale.ROOT);
    types = types == null ? List.of("V2GRootCertificate", "MORootCertificate") : List.copyOf(types);
    iso15118 = iso15118 == null ? List.of("2") : List.copyOf(iso15118);
    checkIntervalSeconds = checkIntervalSeconds == null ? 3600 : checkIntervalSeconds;
    if (!List.of("off", "report", "enforce").contains(mode)) {
      throw new IllegalArgumentException("trustStore.mode is off, report or enforce, not " + mode);
    }
    if (!TYPES.containsAll(types) || types.isEmpty()) {
      throw new IllegalArgumentException("trustStore.types are among " + TYPES + ": " + types);
    }
    if (!Set.of("2", "20").containsAll(iso15118)) {
      throw new IllegalArgumentException("trustStore.iso15118 holds \"2\" and/or \"20\"");
    }
    if (checkIntervalSeconds < 10) {
      throw new IllegalArgumentException("trustStore.checkIntervalSeconds is at least 10");
    }
  }

  public static TrustStoreSettings defaults() {
    return new TrustStoreSettings(null, null, null, null);
  }

  public Mode modeValue() {
    return Mode.valueOf(mode.toUpperCase(Locale.ROOT));
  }
}
