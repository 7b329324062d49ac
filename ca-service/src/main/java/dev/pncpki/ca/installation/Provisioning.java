package dev.pncpki.ca.installation;

import dev.pncpki.ca.contract.ContractRow;
import dev.pncpki.ca.contract.ContractState;
import dev.pncpki.ca.contract.ContractStore;
import dev.pncpki.ca.contract.ProvisioningPool;
import dev.pncpki.ca.contract.ProvisioningRow;
import dev.pncpki.ca.issuance.Hierarchy;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * The checks and lookups both ISO 15118 versions' certificate installation share: the provisioning
 * certificate against the pool (expiry, the very certificate the OEM uploaded, revocation now), the
 * vehicle's trusted roots against the V2G root of our CPS chain, and the vehicle's contract (found,
 * or made by the configured operator). A failed check is a {@link Refusal} with its {@link Reason};
 * each version maps reasons to its own ResponseCodes.
 */
final class Provisioning {
  /** Why a request cannot be served. */
  enum Reason {
    UNKNOWN_CERTIFICATE,
    EXPIRED,
    REVOKED,
    BAD_SIGNATURE,
    UNTRUSTED_ROOTS,
    NO_CONTRACT,
    CONTRACT_CANCELED
  }

  /** A request that gets a failed response. */
  static final class Refusal extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final transient Reason reason;

    Refusal(Reason reason, String detail) {
      super(detail);
      this.reason = reason;
    }
  }

  private final ProvisioningPool pool;
  private final Optional<NewContracts> newContracts;
  private final ContractStore store;
  private final Hierarchy hierarchy;
  private final Clock clock;

  Provisioning(
      ProvisioningPool pool,
      Optional<NewContracts> newContracts,
      ContractStore store,
      Hierarchy hierarchy,
      Clock clock) {
    this.pool = pool;
    this.newContracts = newContracts;
    this.store = store;
    this.hierarchy = hierarchy;
    this.clock = clock;
  }

  Instant now() {
    return clock.instant();
  }

  /** Every contract of an eMAID (a renewal looks for the one the vehicle holds). */
  List<ContractRow> contractsOf(String emaid) {
    return store.contractsOf(emaid);
  }

  /** The provisioning certificate, not expired and exactly as pooled for its PCID (its CN). */
  ProvisioningRow pooled(X509Certificate certificate, byte[] der) {
    String pcid = commonName(certificate);
    if (certificate.getNotAfter().toInstant().isBefore(clock.instant())) {
      throw new Refusal(Reason.EXPIRED, pcid + " has expired");
    }
    return store
        .provisioning(pcid)
        .filter(p -> Arrays.equals(p.certificate(), der))
        .orElseThrow(
            () ->
                new Refusal(
                    Reason.UNKNOWN_CERTIFICATE,
                    "provisioning certificate " + pcid + " is not in the pool"));
  }

  void notRevoked(ProvisioningRow pooled) {
    pool.revokedNow(pooled)
        .ifPresent(
            detail -> {
              throw new Refusal(Reason.REVOKED, pooled.pcid() + " is revoked: " + detail);
            });
  }

  /** The PCID's newest active contract of the suite, else one the configured operator makes. */
  ContractRow contract(String pcid, String suite, String namespace) {
    Instant now = clock.instant();
    return store
        .search(
            new ContractStore.Search(
                Optional.empty(), Optional.empty(), Optional.of(pcid), Optional.empty(), 100))
        .stream()
        .filter(c -> suite.equals(c.suite()) && c.status(now) == ContractState.ACTIVE)
        .max(Comparator.comparingLong(ContractRow::id))
        .or(() -> newContracts.flatMap(n -> n.issue(pcid, namespace)))
        .orElseThrow(
            () -> new Refusal(Reason.NO_CONTRACT, "no active " + suite + " contract for " + pcid));
  }

  /** {@code first}, then the CA {@code issuedBy} and its issuers up to, not including, the root. */
  List<byte[]> chain(Optional<byte[]> first, String issuedBy) {
    List<byte[]> out = new ArrayList<>();
    first.ifPresent(out::add);
    try {
      for (X509CertificateHolder c : hierarchy.chainBelowRoot(issuedBy)) {
        out.add(c.getEncoded());
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    return out;
  }

  static X509Certificate certificate(byte[] der) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException e) {
      throw new Refusal(Reason.UNKNOWN_CERTIFICATE, "the certificate cannot be read");
    }
  }

  /**
   * The CN, read from the subject's DER (a round trip through its string form fails on values that
   * are not strings, which a mutated request can carry); anything but one string CN is refused.
   */
  static String commonName(X509Certificate c) {
    org.bouncycastle.asn1.x500.RDN[] cns;
    try {
      cns = X500Name.getInstance(c.getSubjectX500Principal().getEncoded()).getRDNs(BCStyle.CN);
    } catch (IllegalArgumentException e) {
      throw new Refusal(Reason.UNKNOWN_CERTIFICATE, "the certificate's subject cannot be read");
    }
    if (cns.length != 1
        || cns[0].isMultiValued()
        || !(cns[0].getFirst().getValue() instanceof org.bouncycastle.asn1.ASN1String cn)) {
      throw new Refusal(Reason.UNKNOWN_CERTIFICATE, "the certificate has no single CN");
    }
    try {
      return cn.getString();
    } catch (IllegalArgumentException e) { // a UTF8String that is not UTF-8
      throw new Refusal(Reason.UNKNOWN_CERTIFICATE, "the certificate's CN cannot be read");
    }
  }
}
