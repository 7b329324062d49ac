package dev.pncpki.policies.profile;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Every kind of certificate this PKI issues or checks, named as in ISO 15118-2 and OCPP. */
public enum ProfileId {
  V2G_ROOT("v2g-root", Pki.CPO, Tier.ROOT),
  CPO_SUB_CA_1("cpo-sub-ca-1", Pki.CPO, Tier.SUB_CA_1),
  CPO_SUB_CA_2("cpo-sub-ca-2", Pki.CPO, Tier.SUB_CA_2),
  SECC_LEAF("secc-leaf", Pki.CPO, Tier.LEAF),
  MO_ROOT("mo-root", Pki.MO, Tier.ROOT),
  MO_SUB_CA_1("mo-sub-ca-1", Pki.MO, Tier.SUB_CA_1),
  MO_SUB_CA_2("mo-sub-ca-2", Pki.MO, Tier.SUB_CA_2),
  CONTRACT_LEAF("contract-leaf", Pki.MO, Tier.LEAF),
  OEM_ROOT("oem-root", Pki.OEM, Tier.ROOT),
  OEM_SUB_CA_1("oem-sub-ca-1", Pki.OEM, Tier.SUB_CA_1),
  OEM_SUB_CA_2("oem-sub-ca-2", Pki.OEM, Tier.SUB_CA_2),
  OEM_PROVISIONING_LEAF("oem-provisioning-leaf", Pki.OEM, Tier.LEAF),
  CPS_SUB_CA_1("cps-sub-ca-1", Pki.CPS, Tier.SUB_CA_1),
  CPS_SUB_CA_2("cps-sub-ca-2", Pki.CPS, Tier.SUB_CA_2),
  CPS_LEAF("cps-leaf", Pki.CPS, Tier.LEAF),
  OCSP_SIGNER("ocsp-signer", Pki.ANY, Tier.LEAF),
  CSMS_SERVER("csms-server", Pki.OCPP, Tier.LEAF),
  CHARGING_STATION_CLIENT("charging-station-client", Pki.OCPP, Tier.LEAF);

  /** The four PKIs of ISO 15118-2 (OCPP 2.0.1 section M 2.1) plus the OCPP link certificates. */
  public enum Pki {
    CPO,
    MO,
    OEM,
    CPS,
    OCPP,
    ANY
  }

  /** Position in a chain: the -2 tree has at most two Sub-CA layers below a root [V2G2-009]. */
  public enum Tier {
    ROOT,
    SUB_CA_1,
    SUB_CA_2,
    LEAF;

    public boolean isCa() {
      return this != LEAF;
    }
  }

  private final String label;
  private final Pki pki;
  private final Tier tier;

  ProfileId(String label, Pki pki, Tier tier) {
    this.label = label;
    this.pki = pki;
    this.tier = tier;
  }

  public String label() {
    return label;
  }

  public Pki pki() {
    return pki;
  }

  public Tier tier() {
    return tier;
  }

  public static ProfileId fromLabel(String label) {
    for (ProfileId p : values()) {
      if (p.label.equals(label)) {
        return p;
      }
    }
    throw new IllegalArgumentException(
        "unknown profile \""
            + label
            + "\"; known: "
            + Arrays.stream(values()).map(ProfileId::label).collect(Collectors.joining(", ")));
  }
}
