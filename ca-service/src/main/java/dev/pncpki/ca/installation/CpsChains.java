package dev.pncpki.ca.installation;

import dev.pncpki.ca.issuance.Hierarchy;
import dev.pncpki.ca.keys.KeyBackend;
import dev.pncpki.ca.refusal.Refusal;
import dev.pncpki.ca.refusal.RefusedException;
import dev.pncpki.contract.installation.RootCertificateId;
import dev.pncpki.contract.installation.XmlSignature;
import dev.pncpki.policies.profile.ProfileId;
import dev.pncpki.policies.profile.Suite;
import java.io.IOException;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * The certificate provisioning service's chains of one suite, its own and those under external V2G
 * roots: a response is signed with the CPS leaf of a chain that ends at a root the vehicle lists in
 * {@code ListOfRootCertificateIDs} (ISO 15118-2 CertificateInstallationReq and UpdateReq; ISO
 * 15118-20 CertificateInstallationReq), so that the vehicle can validate it. Among several such
 * chains the newest leaf serves. A CPS leaf revoked (or under a revoked CA), expired or not yet
 * valid serves none.
 */
final class CpsChains {
  /** A CPS leaf, the root its chain ends at, the chain a response carries, and its signer. */
  record Chain(
      String leafId, X509CertificateHolder root, List<byte[]> certificates, CpsSigner signer) {}

  private final Hierarchy hierarchy;
  private final KeyBackend keys;
  private final Suite suite;
  private final XmlSignature.Algorithm algorithm;

  CpsChains(Hierarchy hierarchy, KeyBackend keys, Suite suite, XmlSignature.Algorithm algorithm) {
    this.hierarchy = hierarchy;
    this.keys = keys;
    this.suite = suite;
    this.algorithm = algorithm;
  }

  /** The usable chains at {@code now}, newest leaf first. */
  List<Chain> all(Instant now) {
    return hierarchy.all().stream()
        .filter(a -> a.profile().id() == ProfileId.CPS_LEAF && a.profile().suite() == suite)
        .filter(a -> hierarchy.isLive(a.id()) && a.notAfter().isAfter(now))
        .filter(a -> !a.certificate().getNotBefore().toInstant().isAfter(now))
        .sorted(
            Comparator.comparing(
                    (Hierarchy.Authority a) -> a.certificate().getNotBefore().toInstant())
                .reversed())
        .map(this::chain)
        .toList();
  }

  boolean isEmpty(Instant now) {
    return all(now).isEmpty();
  }

  /**
   * The newest chain under a root the vehicle lists.
   *
   * @throws Provisioning.Refusal UNTRUSTED_ROOTS if no chain ends at one of them
   */
  Chain under(List<RootCertificateId> roots, Instant now) {
    List<Chain> chains = all(now);
    if (chains.isEmpty()) {
      newest(now); // refuses: nothing could sign even the answer that says so
    }
    return chains.stream()
        .filter(c -> listed(roots, c.root()))
        .findFirst()
        .orElseThrow(
            () ->
                new Provisioning.Refusal(
                    Provisioning.Reason.UNTRUSTED_ROOTS,
                    "the vehicle lists none of the V2G roots our CPS chains end at ("
                        + chains.stream()
                            .map(c -> c.root().getSubject().toString())
                            .distinct()
                            .collect(Collectors.joining("; "))
                        + ")"));
  }

  /**
   * The chain a response that serves nothing is signed with: the newest.
   *
   * @throws RefusedException ISO15118_NOT_CONFIGURED when no CPS leaf of the suite is usable (all
   *     revoked or expired since the service started): no response can be signed
   */
  Chain newest(Instant now) {
    return all(now).stream()
        .findFirst()
        .orElseThrow(
            () ->
                new RefusedException(
                    Refusal.ISO15118_NOT_CONFIGURED,
                    "no CPS leaf of "
                        + suite.label()
                        + " is usable (revoked or expired): the ceremony makes a new one"));
  }

  private Chain chain(Hierarchy.Authority leaf) {
    List<byte[]> certificates =
        hierarchy.chainBelowRoot(leaf.id()).stream().map(CpsChains::encoded).toList();
    return new Chain(
        leaf.id(),
        hierarchy.rootOf(leaf.id()),
        certificates,
        new CpsSigner(keys, leaf.key(), algorithm));
  }

  /** Whether a RootCertificateID (X509IssuerSerial) names {@code root}: its name and serial. */
  static boolean listed(List<RootCertificateId> roots, X509CertificateHolder root) {
    X500Principal name = new X500Principal(encoded(root.getSubject()));
    return roots.stream()
        .anyMatch(
            id -> {
              try {
                return new X500Principal(id.issuerName()).equals(name)
                    && id.serialNumber().equals(root.getSerialNumber());
              } catch (IllegalArgumentException notAName) {
                return false;
              }
            });
  }

  private static byte[] encoded(X509CertificateHolder c) {
    try {
      return c.getEncoded();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] encoded(org.bouncycastle.asn1.x500.X500Name name) {
    try {
      return name.getEncoded();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
