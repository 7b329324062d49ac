package dev.pncpki.ca.contract;

import dev.pncpki.ca.audit.AuditEvent;
import dev.pncpki.ca.auth.Caller;
import dev.pncpki.ca.pem.CertificateInput;
import dev.pncpki.ca.refusal.Refusal;
import dev.pncpki.ca.refusal.RefusedException;
import dev.pncpki.ca.roots.RootCheck;
import dev.pncpki.ca.roots.RootType;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * The OEM roots that provisioning certificates must chain to (the Open Plug&Charge "root
 * certificate pool", OEM part). Only admins change it; every change is audited.
 */
public final class TrustAnchors {
  private final ContractStore store;
  private final Tenants tenants;
  private final Clock clock;

  TrustAnchors(ContractStore store, Tenants tenants, Clock clock) {
    this.store = store;
    this.tenants = tenants;
    this.clock = clock;
  }

  /** Trusts {@code certificate} as a root of the OEM tenant {@code oem} (its name, e.g. "acme"). */
  public TrustAnchorRow add(Caller caller, String pki, String oem, String certificate) {
    requireAdmin(caller, "change the trust anchors");
    if (!"oem".equals(pki)) {
      throw new RefusedException(Refusal.MALFORMED_REQUEST, "pki must be \"oem\"");
    }
    if (oem == null || !tenants.hasOem(oem)) {
      throw new RefusedException(
          Refusal.MALFORMED_REQUEST,
          "oem must name a configured OEM tenant (contracts.tenants), not " + oem);
    }
    X509CertificateHolder root = CertificateInput.decode("certificate", certificate);
    RootCheck.check(root, RootType.OEM, clock.instant());
    var row = row(root, oem, caller.name());
    if (!store.addTrustAnchor(
        row, event(caller, "trust-anchor-add", row.id(), row.subject() + " for oem:" + oem))) {
      throw new RefusedException(
          Refusal.TRUST_ANCHOR_EXISTS, "root " + row.id() + " is trusted already");
    }
    return row;
  }

  /** Trusts a root because the configuration says so (audited as done by "configuration"). */
  void trustFromConfiguration(X509CertificateHolder root, String oem) {
    var row = row(root, oem, "configuration");
    var unused =
        store.addTrustAnchor(
            row,
            AuditEvent.done(clock, "configuration", "trust-anchor-add", row.id(), row.subject()));
  }

  /** An OEM root as the trust list keeps it, by the SHA-256 fingerprint of its DER. */
  private TrustAnchorRow row(X509CertificateHolder root, String oem, String addedBy) {
    byte[] der = CertificateInput.der(root);
    return new TrustAnchorRow(
        CertificateInput.fingerprint(der),
        "oem",
        oem,
        root.getSubject().toString(),
        der,
        root.getNotAfter().toInstant(),
        addedBy,
        clock.instant().truncatedTo(ChronoUnit.MICROS));
  }

  public List<TrustAnchorRow> list(Caller caller) {
    requireAdmin(caller, "read the trust anchors");
    return all();
  }

  /** The unexpired anchors of one OEM tenant, for validating its uploads. */
  List<TrustAnchorRow> of(String oem) {
    Instant now = clock.instant();
    return all().stream().filter(a -> a.oem().equals(oem) && a.notAfter().isAfter(now)).toList();
  }

  private List<TrustAnchorRow> all() {
    return store.trustAnchors();
  }

  public void remove(Caller caller, String id) {
    requireAdmin(caller, "change the trust anchors");
    if (id == null
        || !store.removeTrustAnchor(id, event(caller, "trust-anchor-remove", id, null))) {
      throw new RefusedException(Refusal.NOT_FOUND, "no trust anchor " + id);
    }
  }

  private AuditEvent event(Caller caller, String action, String target, String detail) {
    return AuditEvent.done(clock, caller.name(), action, target, detail);
  }

  static void requireAdmin(Caller caller, String what) {
    if (!caller.isAdmin()) {
      throw Tenants.forbidden(caller, what);
    }
  }
}
