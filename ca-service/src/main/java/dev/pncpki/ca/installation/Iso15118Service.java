package dev.pncpki.ca.installation;

import dev.pncpki.ca.audit.AuditLog;
import dev.pncpki.ca.auth.Caller;
import dev.pncpki.ca.contract.ContractStore;
import dev.pncpki.ca.contract.ProvisioningPool;
import dev.pncpki.ca.issuance.Hierarchy;
import dev.pncpki.ca.keys.KeyBackend;
import dev.pncpki.ca.refusal.Refusal;
import dev.pncpki.ca.refusal.RefusedException;
import dev.pncpki.contract.exi.V2gExi;
import dev.pncpki.contract.installation.CertificateMessages;
import dev.pncpki.contract.installation.Iso20CertificateMessages;
import dev.pncpki.contract.installation.XmlSignature;
import dev.pncpki.policies.profile.Suite;
import java.time.Clock;
import java.util.Optional;

/**
 * The certificate provisioning service for both ISO 15118 versions the operator has schemas for: a
 * request goes to the version its namespace names.
 */
public final class Iso15118Service {
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(Iso15118Service.class);
  private final Optional<Installations> iso2;
  private final Optional<Iso20Installations> iso20;

  private Iso15118Service(Optional<Installations> iso2, Optional<Iso20Installations> iso20) {
    this.iso2 = iso2;
    this.iso20 = iso20;
  }

  /** Built from the grammars of each version the operator provided (absent: that version off). */
  public static Iso15118Service create(
      Optional<V2gExi> iso2Exi,
      Optional<V2gExi> iso20Exi,
      ProvisioningPool pool,
      Optional<NewContracts> newContracts,
      ContractStore store,
      Hierarchy hierarchy,
      KeyBackend keys,
      AuditLog audit,
      Clock clock) {
    var provisioning = new Provisioning(pool, newContracts, store, hierarchy, clock);
    var iso2Cps =
        new CpsChains(hierarchy, keys, Suite.ISO15118_2, XmlSignature.Algorithm.ECDSA_P256_SHA256);
    var iso20Cps =
        new CpsChains(
            hierarchy, keys, Suite.ISO15118_20_P521, XmlSignature.Algorithm.ECDSA_P521_SHA512);
    return new Iso15118Service(
        withCps(iso2Exi, iso2Cps, clock)
            .map(
                exi ->
                    new Installations(new CertificateMessages(exi), provisioning, iso2Cps, audit)),
        withCps(iso20Exi, iso20Cps, clock)
            .map(
                exi ->
                    new Iso20Installations(
                        new Iso20CertificateMessages(exi), provisioning, iso20Cps, audit)));
  }

  /**
   * The version's codec if the hierarchy has its CPS leaf; a hierarchy made before the version was
   * supported has none, and the version stays off (logged) rather than the service failing.
   */
  private static Optional<V2gExi> withCps(Optional<V2gExi> exi, CpsChains cps, Clock clock) {
    if (exi.isPresent() && cps.isEmpty(clock.instant())) {
      LOG.warn(
          "ISO 15118 schemas are configured but the hierarchy has no usable CPS leaf of that"
              + " version: that version is off");
      return Optional.empty();
    }
    return exi;
  }

  /** Answers a request of the schema {@code namespace}. */
  public Installations.Answer answer(Caller caller, String namespace, byte[] exiRequest) {
    if (CertificateMessages.NAMESPACE.equals(namespace)) {
      return iso2.orElseThrow(() -> notConfigured(namespace)).answer(caller, exiRequest);
    }
    if (Iso20CertificateMessages.NAMESPACE.equals(namespace)) {
      return iso20.orElseThrow(() -> notConfigured(namespace)).answer(caller, exiRequest);
    }
    throw new RefusedException(
        Refusal.MALFORMED_REQUEST,
        "xsdMsgDefNamespace is "
            + CertificateMessages.NAMESPACE
            + " or "
            + Iso20CertificateMessages.NAMESPACE
            + ", not "
            + namespace);
  }

  private static RefusedException notConfigured(String namespace) {
    return new RefusedException(
        Refusal.ISO15118_NOT_CONFIGURED, "no schemas are configured for " + namespace);
  }

  static void checkCaller(Caller caller) {
    if (!caller.isAdmin() && !caller.isBridge()) {
      throw new RefusedException(
          Refusal.FORBIDDEN, "certificate installation is for the OCPP bridge and admins");
    }
  }

  static void audit(AuditLog audit, Caller caller, String action, Installations.Answer answer) {
    audit.append(caller.name(), action, answer.emaid().orElse("-"), answer.code(), answer.reason());
  }
}
