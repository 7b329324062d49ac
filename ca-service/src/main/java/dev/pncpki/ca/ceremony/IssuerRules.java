package dev.pncpki.ca.ceremony;

import dev.pncpki.policies.profile.ProfileId;
import dev.pncpki.policies.profile.ProfileId.Pki;
import dev.pncpki.policies.profile.ProfileId.Tier;
import java.util.List;

/**
 * Which certificate may issue which: the -2 tree is root, Sub-CA 1, Sub-CA 2, leaf [V2G2-009]; CPO
 * and CPS hang under the V2G root, MO and OEM under their own root or a V2G root (OCPP 2.0.1 M
 * 2.1); OCSP signers are issued by the CA they answer for (RFC 6960 4.2.2.2); OCPP link
 * certificates by a CPO Sub-CA 2.
 */
final class IssuerRules {
  private IssuerRules() {}

  static void check(String where, CertificateSpec spec, List<CertificateSpec> earlier) {
    ProfileId id = spec.profile().id();
    if (spec.external()) {
      if (spec.issuer().isPresent()) {
        throw new CeremonyException(
            where + ": an external Sub-CA names no issuer: its root operator signs its request");
      }
      if (id.tier() != Tier.SUB_CA_1 && id.tier() != Tier.SUB_CA_2) {
        throw new CeremonyException(
            where + ": only a Sub-CA 1 or 2 is signed externally, not " + id.label());
      }
      return;
    }
    if (id.tier() == Tier.ROOT) {
      if (spec.issuer().isPresent()) {
        throw new CeremonyException(where + ": a root (" + id.label() + ") has no issuer");
      }
      return;
    }
    String issuerId =
        spec.issuer()
            .orElseThrow(
                () -> new CeremonyException(where + ": required field \"issuer\" is missing"));
    CertificateSpec issuer =
        earlier.stream()
            .filter(c -> c.id().equals(issuerId))
            .findFirst()
            .orElseThrow(
                () ->
                    new CeremonyException(
                        where + ": issuer \"" + issuerId + "\" is not defined before it"));
    ProfileId by = issuer.profile().id();
    if (issuer.profile().suite() != spec.profile().suite()) {
      throw new CeremonyException(
          where
              + ": issuer "
              + issuerId
              + " is "
              + issuer.profile().suite().label()
              + " but this certificate is "
              + spec.profile().suite().label());
    }
    if (!by.tier().isCa()) {
      throw new CeremonyException(where + ": issuer " + issuerId + " is not a CA");
    }
    if (spec.validityDays() > issuer.validityDays()) {
      throw new CeremonyException(
          where
              + ": validityDays "
              + spec.validityDays()
              + " outlasts issuer "
              + issuerId
              + " ("
              + issuer.validityDays()
              + ")");
    }
    if (!allowed(id, by)) {
      throw new CeremonyException(
          where
              + ": "
              + by.label()
              + " cannot issue "
              + id.label()
              + " (ISO 15118-2 V2G2-009 chain shape)");
    }
  }

  private static boolean allowed(ProfileId subject, ProfileId issuer) {
    if (subject == ProfileId.OCSP_SIGNER) {
      return true;
    }
    if (subject.pki() == Pki.OCPP) {
      return issuer == ProfileId.CPO_SUB_CA_2;
    }
    Tier expected =
        switch (subject.tier()) {
          case SUB_CA_1 -> Tier.ROOT;
          case SUB_CA_2 -> Tier.SUB_CA_1;
          case LEAF -> Tier.SUB_CA_2;
          case ROOT -> throw new IllegalStateException("roots have no issuer");
        };
    boolean samePki = issuer.pki() == subject.pki();
    boolean underV2gRoot = issuer == ProfileId.V2G_ROOT && subject.pki() != Pki.CPO;
    return issuer.tier() == expected && (samePki || underV2gRoot);
  }
}
