package dev.pncpki.bridge.app;

import dev.pncpki.bridge.station.CertificateBinding;
import dev.pncpki.bridge.station.SecurityProfile;
import dev.pncpki.bridge.station.Station;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

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
}
