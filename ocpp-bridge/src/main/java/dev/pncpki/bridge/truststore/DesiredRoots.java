package dev.pncpki.bridge.truststore;

import dev.pncpki.bridge.ocpp.OcppVersion;
import dev.pncpki.bridge.outbox.RootCalls;
import dev.pncpki.bridge.trust.TrustedRoot;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The roots a station should hold: each root of the CA's trust list whose OCPP certificate type is
 * managed (a pooled or own V2G root as {@code V2GRootCertificate}, an MO root as {@code
 * MORootCertificate}, a CSMS root as {@code CSMSRootCertificate}, a manufacturer root as {@code
 * ManufacturerRootCertificate}, an OEM root as {@code OEMRootCertificate}), of a managed ISO 15118
 * version, valid now. An OCPP 1.6 station holds the Plug &amp; Charge types only (through
 * DataTransfer), a 2.0.1 station no OEM root (OCPP 2.1 added the type, for the vehicle's
 * certificate in ISO 15118-20 mutual TLS); PE roots are not a station's to hold.
 */
public final class DesiredRoots {
  /** A root the station should hold, as which certificate type. */
  public record Wanted(String certificateType, X509Certificate certificate, String source) {
    public String subject() {
      return certificate.getSubjectX500Principal().getName();
    }
  }

  private DesiredRoots() {}

  public static List<Wanted> of(
      List<TrustedRoot> trusted, TrustStoreSettings settings, OcppVersion version, Instant now) {
    return trusted.stream()
        .filter(r -> r.validAt(now))
        .filter(r -> r.iso15118().map(settings.iso15118()::contains).orElse(true))
        .flatMap(
            r ->
                certificateType(r.type())
                    .filter(settings.types()::contains)
                    .filter(t -> RootCalls.managedOn(version, t))
                    .map(t -> new Wanted(t, r.certificate(), r.source()))
                    .stream())
        .toList();
  }

  static Optional<String> certificateType(TrustedRoot.Type type) {
    return switch (type) {
      case V2G -> Optional.of("V2GRootCertificate");
      case MO -> Optional.of("MORootCertificate");
      case CSMS -> Optional.of("CSMSRootCertificate");
      case MANUFACTURER -> Optional.of("ManufacturerRootCertificate");
      case OEM -> Optional.of("OEMRootCertificate");
      case PE -> Optional.empty();
    };
  }
}
