package dev.pncpki.bridge.app;

import dev.pncpki.bridge.station.CertificateBinding;
import dev.pncpki.bridge.station.SecurityProfile;
import dev.pncpki.bridge.station.Station;
import dev.pncpki.bridge.store.StationTable;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A station of the configuration file ({@code stations:}): only a seed of the registry, stored the
 * first time the bridge sees its id and never again (stations are managed through the admin API). A
 * profile-3 seed without a binding is bound to the certificate CN that is its id (A00.FR.405).
 */
public record StationSeed(
    String id,
    Integer securityProfile,
    String passwordHash,
    List<String> seccIds,
    String operator,
    String model,
    String certificateCommonName,
    String certificateSha256) {
  private static final Logger LOG = LoggerFactory.getLogger(StationSeed.class);

  Station toStation(Instant now) {
    SecurityProfile profile = SecurityProfile.of(securityProfile == null ? 1 : securityProfile);
    Optional<CertificateBinding> binding =
        certificateSha256 != null
            ? Optional.of(CertificateBinding.Fingerprint.ofHex(certificateSha256))
            : Optional.of(
                new CertificateBinding.CommonName(
                    certificateCommonName != null ? certificateCommonName : id));
    return Station.registered(
        id,
        profile,
        Optional.ofNullable(passwordHash),
        profile == SecurityProfile.CLIENT_CERTIFICATE
                || certificateCommonName != null
                || certificateSha256 != null
            ? binding
            : Optional.empty(),
        Optional.ofNullable(operator),
        Optional.ofNullable(model),
        seccIds == null ? List.of() : seccIds,
        "configuration",
        now);
  }

  /** The configuration's stations, stored once each (the registry is managed at run time). */
  static void store(List<StationSeed> seeds, StationTable registry) {
    int added = 0;
    for (StationSeed seed : seeds) {
      Station station;
      try {
        station = seed.toStation(Instant.now());
      } catch (IllegalArgumentException e) {
        throw new ConfigurationError("stations: " + seed.id() + ": " + e.getMessage());
      }
      switch (registry.seed(station)) {
        case ADDED -> added++;
        case SECC_ID_TAKEN ->
            LOG.warn(
                "stations: {} not added: one of its SECC IDs is another station's; register it"
                    + " through the admin API with SECC IDs of its own",
                station.id());
        case ID_TAKEN, SEEDED_BEFORE -> {
          // registered already, or seeded once and maybe deleted by an admin since
        }
      }
    }
    if (added > 0) {
      LOG.info("{} station(s) of the configuration added to the station registry", added);
    }
  }
}
