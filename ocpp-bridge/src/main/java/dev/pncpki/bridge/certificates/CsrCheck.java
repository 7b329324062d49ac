package dev.pncpki.bridge.certificates;

import dev.pncpki.bridge.crypto.Verifiers;
import dev.pncpki.bridge.station.Station;
import dev.pncpki.policies.id.InvalidIdentifierException;
import dev.pncpki.policies.id.SeccId;
import dev.pncpki.policies.profile.CertificateProfile;
import dev.pncpki.policies.profile.KeyAlgorithm;
import dev.pncpki.policies.profile.ProfileCatalog;
import dev.pncpki.policies.profile.ProfileId;
import java.io.IOException;
import java.io.StringReader;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;

/**
 * The bridge's checks of a station's CSR before anything reaches the CA: readable PEM PKCS#10, its
 * own signature, a P-256 key (ISO 15118-2 and OCPP security profile 3; P-521 for the ISO 15118-20
 * SECC certificate of OCPP 2.1), and an identity that belongs to the connected station: CN = the
 * station id for its charging-station certificate (OCPP 2.0.1 A00.FR.511, 1.6 A02.FR.13), CN = one
 * of its SECC IDs for a V2G certificate (A02), O = the CPO the bridge serves (A00.FR.404).
 */
final class CsrCheck {
  /** A CSR that passed: the CA profile to ask for and the identity (CN) it names. */
  record Checked(CertificateProfile profile, String identity) {}

  private static final CertificateProfile STATION =
      ProfileCatalog.byLabel(ProfileId.CHARGING_STATION_CLIENT.label());
  private static final CertificateProfile SECC =
      ProfileCatalog.byLabel(ProfileId.SECC_LEAF.label());

  /** The ISO 15118-20 SECC certificate: secp521r1 [V2G20-2674], issued from a P-521 CPO chain. */
  private static final CertificateProfile SECC_20 =
      ProfileCatalog.byLabel(ProfileId.SECC_LEAF.label() + "@iso15118-20-p521");

  /** Why a CSR is refused: a short code for statusInfo and a sentence for the log. */
  static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;
    private final String reasonCode;

    Refused(String reasonCode, String message) {
      super(message);
      this.reasonCode = reasonCode;
    }

    String reasonCode() {
      return reasonCode;
    }
  }

  private CsrCheck() {}

  static Checked check(String pem, CertificateType type, Station station, String organization)
      throws Refused {
    PKCS10CertificationRequest csr = parse(pem);
    try {
      if (!csr.isSignatureValid(Verifiers.of(csr.getSubjectPublicKeyInfo()))) {
        throw new Refused("InvalidCSR", "the CSR's signature does not verify");
      }
    } catch (OperatorCreationException | PKCSException | IllegalArgumentException e) {
      throw new Refused("InvalidCSR", "the CSR's signature cannot be checked");
    }
    KeyAlgorithm key = type == CertificateType.V2G20 ? KeyAlgorithm.EC_P521 : KeyAlgorithm.EC_P256;
    if (!key.isKeyOf(csr.getSubjectPublicKeyInfo())) {
      throw new Refused(
          "InvalidCSR", "the CSR's key is not on " + key.curveName() + " (" + type.wire() + ")");
    }
    String cn = first(csr, BCStyle.CN).orElseThrow(() -> new Refused("InvalidCSR", "no CN"));
    String o = first(csr, BCStyle.O).orElse("");
    if (!o.equals(organization)) {
      throw new Refused("InvalidCSR", "the CSR's O \"" + o + "\" is not the CPO " + organization);
    }
    return switch (type) {
      case CHARGING_STATION -> {
        if (!cn.equals(station.id())) {
          throw new Refused(
              "InvalidCSR", "the CSR's CN \"" + cn + "\" is not the station id " + station.id());
        }
        yield new Checked(STATION, cn);
      }
      case V2G, V2G20 -> {
        if (!station.seccIds().contains(cn)) {
          throw new Refused(
              "InvalidCSR", "the CSR's CN \"" + cn + "\" is not a SECC ID of " + station.id());
        }
        try {
          SeccId.parse(cn);
        } catch (InvalidIdentifierException e) {
          throw new Refused("InvalidCSR", e.getMessage());
        }
        if (first(csr, BCStyle.C).isEmpty()) {
          // OCPP 2.0.1 2.14.9: C from ISO15118Ctrlr.CountryName; the secc-leaf profile needs it
          throw new Refused("InvalidCSR", "a V2G CSR needs C (the country)");
        }
        yield new Checked(type == CertificateType.V2G20 ? SECC_20 : SECC, cn);
      }
    };
  }

  private static PKCS10CertificationRequest parse(String pem) throws Refused {
    try (var parser = new PEMParser(new StringReader(pem))) {
      Object read = parser.readObject();
      if (read instanceof PKCS10CertificationRequest csr) {
        return csr;
      }
    } catch (IOException | RuntimeException e) {
      // fall through: not a readable CSR
    }
    throw new Refused("InvalidCSR", "the csr field is not a PEM PKCS#10 request");
  }

  private static Optional<String> first(PKCS10CertificationRequest csr, ASN1ObjectIdentifier type) {
    RDN[] rdns = csr.getSubject().getRDNs(type);
    return rdns.length == 0
        ? Optional.empty()
        : Optional.of(IETFUtils.valueToString(rdns[0].getFirst().getValue()));
  }
}
