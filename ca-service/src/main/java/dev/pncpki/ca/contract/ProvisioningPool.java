package dev.pncpki.ca.contract;

import dev.pncpki.ca.audit.AuditEvent;
import dev.pncpki.ca.auth.Caller;
import dev.pncpki.ca.pem.CertificateInput;
import dev.pncpki.ca.refusal.PlainText;
import dev.pncpki.ca.refusal.Refusal;
import dev.pncpki.ca.refusal.RefusedException;
import dev.pncpki.policies.id.InvalidIdentifierException;
import dev.pncpki.policies.id.Pcid;
import dev.pncpki.policies.profile.Suite;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * The provisioning-certificate pool: OEM backends upload their vehicles' provisioning certificates
 * (with the Sub-CA certificates above them); each is checked (see {@link ProvisioningChain}) and
 * its revocation status asked before it is stored by PCID. An OEM sees and uses only its own PCIDs;
 * a mobility operator may read one by PCID (to issue a contract for it), not list them.
 */
public final class ProvisioningPool {
  /** An upload: base64 DER certificates, Open Plug&Charge names. */
  public record Upload(
      String provisioningCertificate,
      String subCa2Certificate,
      String subCa1Certificate,
      String xsdMsgDefNamespace) {
    public Upload {
      PlainText.block("provisioningCertificate", provisioningCertificate);
      PlainText.block("subCa2Certificate", subCa2Certificate);
      PlainText.block("subCa1Certificate", subCa1Certificate);
      PlainText.line("xsdMsgDefNamespace", xsdMsgDefNamespace);
    }
  }

  private final ContractStore store;
  private final Tenants tenants;
  private final TrustAnchors anchors;
  private final RevocationCheck revocation;
  private final ContractSettings.RevocationCheckMode mode;
  private final Clock clock;

  ProvisioningPool(
      ContractStore store,
      Tenants tenants,
      TrustAnchors anchors,
      RevocationCheck revocation,
      ContractSettings.RevocationCheckMode mode,
      Clock clock) {
    this.store = store;
    this.tenants = tenants;
    this.anchors = anchors;
    this.revocation = revocation;
    this.mode = mode;
    this.clock = clock;
  }

  public ProvisioningRow upload(Caller caller, Upload upload) {
    ContractSettings.Tenant oem = tenants.requireOem(caller, "upload provisioning certificates");
    X509CertificateHolder leaf =
        CertificateInput.decode("provisioningCertificate", upload.provisioningCertificate());
    Optional<X509CertificateHolder> subCa2 =
        Optional.ofNullable(upload.subCa2Certificate())
            .map(c -> CertificateInput.decode("subCa2Certificate", c));
    X509CertificateHolder subCa1 =
        CertificateInput.decode("subCa1Certificate", upload.subCa1Certificate());
    var chain =
        ProvisioningChain.validate(leaf, subCa2, subCa1, anchors.of(oem.name()), clock.instant());
    if (upload.xsdMsgDefNamespace() != null
        && MessageDefinitions.suite(upload.xsdMsgDefNamespace()) != chain.suite()) {
      throw new RefusedException(
          Refusal.SUITE_MISMATCH,
          "a "
              + chain.suite().keyAlgorithm().curveName()
              + " provisioning key is for "
              + MessageDefinitions.namespace(chain.suite()));
    }
    if (chain.suite() != Suite.ISO15118_2 && chain.pcid().value().length() != 18) {
      throw new RefusedException(
          Refusal.INVALID_PCID,
          "ISO 15118-20 binds the contract key to an 18-character PCID [V2G20-2492]; "
              + chain.pcid().value()
              + " has "
              + chain.pcid().value().length());
    }
    if (!oem.wmis().contains(chain.pcid().wmi())) {
      throw Tenants.forbidden(caller, "upload PCIDs of WMI " + chain.pcid().wmi());
    }
    String checked = revocationStatus(leaf, subCa2.orElse(subCa1));
    var row =
        new ProvisioningRow(
            chain.pcid().value(),
            oem.name(),
            chain.suite().label(),
            CertificateInput.der(leaf),
            subCa2.map(CertificateInput::der).orElse(null),
            CertificateInput.der(subCa1),
            chain.root().id(),
            leaf.getNotAfter().toInstant(),
            checked,
            caller.name(),
            clock.instant().truncatedTo(ChronoUnit.MICROS));
    if (!store.addProvisioning(row, event(caller, "provisioning-upload", row.pcid(), checked))) {
      throw new RefusedException(
          Refusal.PROVISIONING_CERTIFICATE_EXISTS,
          "PCID " + row.pcid() + " has a provisioning certificate; delete it first");
    }
    return row;
  }

  private String revocationStatus(X509CertificateHolder leaf, X509CertificateHolder issuer) {
    RevocationCheck.Status status =
        revocation.of(leaf, issuer, mode != ContractSettings.RevocationCheckMode.OFF);
    switch (status.kind()) {
      case REVOKED ->
          throw new RefusedException(
              Refusal.CERTIFICATE_REVOKED,
              "the provisioning certificate is revoked: " + status.detail());
      case UNKNOWN -> {
        if (mode == ContractSettings.RevocationCheckMode.REQUIRE) {
          throw new RefusedException(Refusal.REVOCATION_STATUS_UNKNOWN, status.detail());
        }
        return "unknown: " + status.detail();
      }
      case GOOD -> {
        return "good: " + status.detail();
      }
    }
    throw new IllegalStateException(status.kind().name());
  }

  /**
   * Whether a pooled provisioning certificate is revoked now (asked again, as at upload: this CA's
   * records for its own OEM PKI, else the OEM's OCSP responder unless revocationCheck is off); the
   * detail if it is. An unknown status is not a revocation.
   */
  public Optional<String> revokedNow(ProvisioningRow row) {
    try {
      X509CertificateHolder leaf = new X509CertificateHolder(row.certificate());
      X509CertificateHolder issuer =
          new X509CertificateHolder(row.subCa2() != null ? row.subCa2() : row.subCa1());
      RevocationCheck.Status status =
          revocation.of(leaf, issuer, mode != ContractSettings.RevocationCheckMode.OFF);
      return status.kind() == RevocationCheck.Status.Kind.REVOKED
          ? Optional.of(status.detail())
          : Optional.empty();
    } catch (java.io.IOException e) {
      throw new IllegalStateException("a pooled certificate cannot be read", e);
    }
  }

  /** The stored certificate, for its OEM, any mobility operator, or an admin. */
  public ProvisioningRow get(Caller caller, String pcid) {
    ProvisioningRow row = find(pcid);
    boolean ownOem = tenants.isOem(caller, row.oem());
    if (!caller.isAdmin() && !ownOem && tenants.mo(caller).isEmpty()) {
      throw Tenants.forbidden(caller, "read PCID " + row.pcid() + " of another OEM");
    }
    return row;
  }

  /**
   * What a mobility operator may use to issue a contract (any PCID, by its number), with whether
   * its OEM root is still trusted, read in one query.
   */
  ContractStore.Vehicle forContract(String pcid) {
    String normalised = normalisePcid(pcid);
    return store.vehicle(normalised, clock.instant()).orElseThrow(() -> notFound(normalised));
  }

  public List<ProvisioningRow> list(Caller caller) {
    if (caller.isAdmin()) {
      return store.provisioningOf(Optional.empty());
    }
    ContractSettings.Tenant oem = tenants.requireOem(caller, "list provisioning certificates");
    return store.provisioningOf(Optional.of(oem.name()));
  }

  public void delete(Caller caller, String pcid) {
    ProvisioningRow row = find(pcid);
    boolean ownOem = tenants.isOem(caller, row.oem());
    if (!caller.isAdmin() && !ownOem) {
      throw Tenants.forbidden(caller, "delete PCID " + row.pcid() + " of another OEM");
    }
    store.deleteProvisioning(row.pcid(), event(caller, "provisioning-delete", row.pcid(), null));
  }

  private ProvisioningRow find(String pcid) {
    String normalised = normalisePcid(pcid);
    return store.provisioning(normalised).orElseThrow(() -> notFound(normalised));
  }

  private static RefusedException notFound(String pcid) {
    return new RefusedException(Refusal.NOT_FOUND, "no provisioning certificate for PCID " + pcid);
  }

  static String normalisePcid(String pcid) {
    if (pcid == null) {
      throw new RefusedException(Refusal.INVALID_PCID, "the PCID is missing");
    }
    try {
      return Pcid.parse(pcid).value();
    } catch (InvalidIdentifierException e) {
      throw new RefusedException(Refusal.INVALID_PCID, "\"" + pcid + "\" is not a PCID");
    }
  }

  static Suite suiteOf(ProvisioningRow row) {
    return Suite.fromLabel(row.suite());
  }

  private AuditEvent event(Caller caller, String action, String target, String detail) {
    return AuditEvent.done(clock, caller.name(), action, target, detail);
  }
}
