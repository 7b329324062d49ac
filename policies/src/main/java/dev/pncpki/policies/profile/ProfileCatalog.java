package dev.pncpki.policies.profile;

import static dev.pncpki.policies.profile.Presence.ABSENT;
import static dev.pncpki.policies.profile.Presence.OPTIONAL;
import static dev.pncpki.policies.profile.Presence.REQUIRED;
import static org.bouncycastle.asn1.x509.KeyUsage.cRLSign;
import static org.bouncycastle.asn1.x509.KeyUsage.digitalSignature;
import static org.bouncycastle.asn1.x509.KeyUsage.keyAgreement;
import static org.bouncycastle.asn1.x509.KeyUsage.keyCertSign;
import static org.bouncycastle.asn1.x509.KeyUsage.keyEncipherment;
import static org.bouncycastle.asn1.x509.KeyUsage.nonRepudiation;

import dev.pncpki.policies.profile.ProfileId.Pki;
import dev.pncpki.policies.profile.ProfileId.Tier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x509.KeyPurposeId;

/**
 * Every profile of every suite. The values and their sources are tabulated in docs/profiles.md;
 * where ISO 15118-2 Annex F is not public, the source says which public PKI the value follows.
 */
public final class ProfileCatalog {

  private static final Map<Suite, Map<ProfileId, CertificateProfile>> PROFILES = build();

  /** The size cap of a CSMS server certificate: room for an RSA 4096 key and a long name. */
  static final int CSMS_SERVER_MAX_BYTES = 4096;

  private ProfileCatalog() {}

  public static CertificateProfile get(ProfileId id, Suite suite) {
    return PROFILES.get(suite).get(id);
  }

  /** Looks a profile up by its label, e.g. "secc-leaf" or "contract-leaf@iso15118-20-p521". */
  public static CertificateProfile byLabel(String label) {
    int at = label.indexOf('@');
    return at < 0
        ? get(ProfileId.fromLabel(label), Suite.ISO15118_2)
        : get(
            ProfileId.fromLabel(label.substring(0, at)), Suite.fromLabel(label.substring(at + 1)));
  }

  public static List<CertificateProfile> all() {
    return PROFILES.values().stream().flatMap(m -> m.values().stream()).toList();
  }

  private static Map<Suite, Map<ProfileId, CertificateProfile>> build() {
    Map<Suite, Map<ProfileId, CertificateProfile>> all = new EnumMap<>(Suite.class);
    for (Suite suite : Suite.values()) {
      Map<ProfileId, CertificateProfile> bySuite = new EnumMap<>(ProfileId.class);
      for (ProfileId id : ProfileId.values()) {
        bySuite.put(id, new CertificateProfile(id, suite, rules(id, suite)));
      }
      all.put(suite, Map.copyOf(bySuite));
    }
    return Map.copyOf(all);
  }

  private static List<CertificateRule> rules(ProfileId id, Suite suite) {
    List<CertificateRule> r = new ArrayList<>();
    r.add(
        id == ProfileId.CSMS_SERVER
            ? new KeyRule(
                suite.keyAlgorithm(),
                2048,
                Clause.ocpp201("A00 (TLS_RSA_WITH_AES_128/256_GCM cipher suites; RSA >= 2048)"))
            : new KeyRule(suite.keyAlgorithm(), suite.source()));
    r.add(new SerialNumberRule(Clause.rfc5280("4.1.2.2")));
    r.add(new ValidityRule(maxValidity(id), validitySource(id)));
    r.add(subject(id));
    r.add(domainComponent(id));
    if (id == ProfileId.CSMS_SERVER) {
      r.add(new SubjectAltNameRule(Clause.rfc5280("4.2.1.6; RFC 6125 6.4.4")));
    }
    r.add(BasicConstraintsRule.forTier(id.tier(), basicConstraintsSource(id.tier())));
    r.add(
        id == ProfileId.CSMS_SERVER
            ? new KeyUsageRule(keyUsage(id), keyEncipherment, keyUsageSource(id))
            : new KeyUsageRule(keyUsage(id), keyUsageSource(id)));
    r.add(extendedKeyUsage(id));
    r.add(new KeyIdentifierRule(Clause.rfc5280("4.2.1.1, 4.2.1.2")));
    r.add(new OcspAccessRule(ocsp(id), ocspSource(id)));
    r.add(new CrlDistributionRule(crl(id), Clause.rfc5280("4.2.1.13")));
    if (id == ProfileId.OCSP_SIGNER) {
      r.add(new OcspNoCheckRule(Clause.rfc6960("4.2.2.2.1")));
    }
    r.add(
        id == ProfileId.CSMS_SERVER
            // ISO 15118's size caps are for certificates in V2G messages; the CSMS server
            // certificate travels only in the TLS handshake with the charging station, and an RSA
            // one is over the -2 cap by its key alone
            ? new EncodedSizeRule(
                CSMS_SERVER_MAX_BYTES,
                Clause.policy("a sanity bound; ISO 15118 caps certificates in V2G messages only"))
            : new EncodedSizeRule(suite.maxEncodedBytes(), suite.source()));
    return r;
  }

  private static int keyUsage(ProfileId id) {
    if (id == ProfileId.MO_SUB_CA_2) {
      // JOSEV, RISE and Hubject's QA PKI alike; lets the Sub-CA sign OCSP responses itself.
      return digitalSignature | nonRepudiation | keyCertSign | cRLSign;
    }
    if (id.tier().isCa()) {
      return keyCertSign | cRLSign;
    }
    return switch (id) {
      case SECC_LEAF, OEM_PROVISIONING_LEAF -> digitalSignature | keyAgreement;
      case CONTRACT_LEAF -> digitalSignature | nonRepudiation | keyEncipherment | keyAgreement;
      default -> digitalSignature;
    };
  }

  private static Clause keyUsageSource(ProfileId id) {
    return switch (id) {
      case CONTRACT_LEAF, OEM_PROVISIONING_LEAF ->
          Clause.iso2("V2G2-818..821 (keyAgreement for contract-key delivery)");
      case OCSP_SIGNER -> Clause.rfc6960("4.2.2.2");
      case CSMS_SERVER, CHARGING_STATION_CLIENT -> Clause.ocpp201("A00.FR.501..514");
      default -> Clause.iso2Practice("Annex F as configured by JOSEV, RISE-V2G, EVerest");
    };
  }

  private static ExtendedKeyUsageRule extendedKeyUsage(ProfileId id) {
    if (id == ProfileId.OCSP_SIGNER) {
      return new ExtendedKeyUsageRule(
          List.of(KeyPurposeId.id_kp_OCSPSigning), Clause.rfc6960("4.2.2.2"));
    }
    return new ExtendedKeyUsageRule(List.of(), Clause.ocpp201("A00.FR.514; ISO 15118-2 Annex F"));
  }

  private static SubjectRule subject(ProfileId id) {
    return switch (id) {
      case SECC_LEAF ->
          new SubjectRule(
              IdentifierKind.SECC, REQUIRED, REQUIRED, Clause.ocpp201("A02 (CN = SeccId), 2.14.9"));
      case CONTRACT_LEAF ->
          new SubjectRule(
              IdentifierKind.EMAID, REQUIRED, OPTIONAL, Clause.iso2Practice("CN = eMAID"));
      case OEM_PROVISIONING_LEAF ->
          new SubjectRule(
              IdentifierKind.PCID, REQUIRED, OPTIONAL, Clause.iso2Practice("CN = PCID"));
      case CHARGING_STATION_CLIENT ->
          new SubjectRule(
              IdentifierKind.CHARGING_STATION,
              REQUIRED,
              OPTIONAL,
              Clause.ocpp201("A00.FR.404, A00.FR.405"));
      case CSMS_SERVER ->
          new SubjectRule(
              IdentifierKind.DNS_NAME, REQUIRED, OPTIONAL, Clause.ocpp201("A00 (CN = FQDN)"));
      default ->
          new SubjectRule(
              IdentifierKind.NAME,
              REQUIRED,
              id.pki() == Pki.ANY ? OPTIONAL : REQUIRED,
              Clause.iso2Practice("CN, O, C of the operator"));
    };
  }

  private static DomainComponentRule domainComponent(ProfileId id) {
    return switch (id) {
      case V2G_ROOT ->
          new DomainComponentRule("V2G", REQUIRED, Clause.iso2Practice("DC=V2G on the root"));
      case CPO_SUB_CA_1, CPO_SUB_CA_2 ->
          new DomainComponentRule("V2G", OPTIONAL, Clause.iso2Practice("DC=V2G on CPO Sub-CAs"));
      case SECC_LEAF -> new DomainComponentRule("CPO", REQUIRED, Clause.iso2("V2G2-925"));
      case MO_ROOT, MO_SUB_CA_1, MO_SUB_CA_2, CONTRACT_LEAF ->
          new DomainComponentRule("MO", OPTIONAL, Clause.iso2Practice("DC=MO, optional"));
      case OEM_ROOT, OEM_SUB_CA_1, OEM_SUB_CA_2, OEM_PROVISIONING_LEAF ->
          new DomainComponentRule("OEM", OPTIONAL, Clause.iso2Practice("DC=OEM, optional"));
      case CPS_SUB_CA_1, CPS_SUB_CA_2 ->
          new DomainComponentRule("CPS", OPTIONAL, Clause.iso2Practice("DC=CPS on CPS Sub-CAs"));
      case CPS_LEAF ->
          new DomainComponentRule("CPS", REQUIRED, Clause.iso2Practice("EVCCs reject without"));
      case OCSP_SIGNER, CSMS_SERVER, CHARGING_STATION_CLIENT ->
          new DomainComponentRule("-", ABSENT, Clause.ocpp201("A00 (no V2G DC on OCPP links)"));
    };
  }

  /**
   * Roots are trust anchors and delegated OCSP signers carry id-pkix-ocsp-nocheck: neither is asked
   * about. Every other certificate names its issuer's responder, the CSMS server certificate too,
   * so that a station can check the CSMS it connects to.
   */
  private static Presence ocsp(ProfileId id) {
    return id.tier() == Tier.ROOT || id == ProfileId.OCSP_SIGNER
        ? ABSENT
        : id == ProfileId.OEM_PROVISIONING_LEAF ? OPTIONAL : REQUIRED;
  }

  private static Clause ocspSource(ProfileId id) {
    return id == ProfileId.CSMS_SERVER
        ? Clause.rfc5280("4.2.2.1 (OCPP 2.0.1 A00: certificates per RFC 5280; the AIA is allowed)")
        : Clause.ocpp201("M06 (responderURL mandatory)");
  }

  private static Presence crl(ProfileId id) {
    return switch (id) {
      case V2G_ROOT, MO_ROOT, OEM_ROOT, OCSP_SIGNER -> ABSENT;
      case OEM_SUB_CA_1, OEM_SUB_CA_2, OEM_PROVISIONING_LEAF -> OPTIONAL;
      default -> REQUIRED;
    };
  }

  private static Clause basicConstraintsSource(Tier tier) {
    return tier == Tier.LEAF
        ? Clause.rfc5280("4.2.1.9")
        : Clause.iso2("V2G2-009 (at most two Sub-CA layers; pathLen 1 and 0)");
  }

  static Duration maxValidity(ProfileId id) {
    return switch (id) {
      case V2G_ROOT, MO_ROOT, OEM_ROOT, OEM_PROVISIONING_LEAF -> years(40);
      case MO_SUB_CA_1, OEM_SUB_CA_1 -> years(20);
      case MO_SUB_CA_2, OEM_SUB_CA_2 -> years(10);
      case CPO_SUB_CA_1, CPS_SUB_CA_1 -> years(4);
      case CPO_SUB_CA_2, CPS_SUB_CA_2, CONTRACT_LEAF, CHARGING_STATION_CLIENT -> years(2);
      case OCSP_SIGNER, CSMS_SERVER -> Duration.ofDays(398);
      case SECC_LEAF, CPS_LEAF -> Duration.ofDays(92);
    };
  }

  private static Clause validitySource(ProfileId id) {
    return switch (id) {
      case V2G_ROOT -> Clause.iso2("V2G2-011 (40 years)");
      case SECC_LEAF -> Clause.ocpp201("M 2.1 (2 to 3 months)");
      case CPO_SUB_CA_2, CPS_SUB_CA_2, CPS_LEAF, CONTRACT_LEAF ->
          Clause.iso2Practice("RISE-V2G notes on ISO 15118-2 validity ranges");
      case OCSP_SIGNER -> Clause.rfc6960("4.2.2.2.1 (short-lived nocheck signer)");
      default -> Clause.policy("operator choice; Annex F gives no public maximum");
    };
  }

  private static Duration years(int n) {
    return Duration.ofDays(365L * n + n / 4);
  }
}
