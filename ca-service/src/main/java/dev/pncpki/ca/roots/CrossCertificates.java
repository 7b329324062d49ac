package dev.pncpki.ca.roots;

import dev.pncpki.ca.audit.AuditEvent;
import dev.pncpki.ca.auth.Caller;
import dev.pncpki.ca.issuance.CrossPaths;
import dev.pncpki.ca.keys.SignatureVerifiers;
import dev.pncpki.ca.pem.CertificateInput;
import dev.pncpki.ca.refusal.Refusal;
import dev.pncpki.ca.refusal.RefusedException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * Cross-certificates a root operator provides (docs/roots.md): a CA certificate that carries the
 * name and key of a root this CA knows (pooled, or a root of its own hierarchy) and is signed by a
 * pooled root. With it, a chain under the first root validates for clients that trust only the
 * second (RFC 5280 section 6: the path runs leaf, Sub-CAs, cross-certificate, pooled root), so a
 * station whose vehicles trust only the second root can be served from a chain under the first.
 * Only an admin adds or removes one; each change is audited.
 */
public final class CrossCertificates implements CrossPaths {
  private static final int MAX_CERTIFICATE_CHARS = 16_384;

  private final CrossCertificateStore store;
  private final RootPoolStore pool;
  private final Supplier<List<X509CertificateHolder>> ownRoots;
  private final Clock clock;

  public CrossCertificates(
      CrossCertificateStore store,
      RootPoolStore pool,
      Supplier<List<X509CertificateHolder>> ownRoots,
      Clock clock) {
    this.store = store;
    this.pool = pool;
    this.ownRoots = ownRoots;
    this.clock = clock;
  }

  public CrossCertificate add(Caller caller, String text) {
    requireAdmin(caller, "add cross-certificates");
    if (text != null && text.length() > MAX_CERTIFICATE_CHARS) {
      throw new RefusedException(
          Refusal.MALFORMED_REQUEST,
          "certificate has " + text.length() + " characters, at most " + MAX_CERTIFICATE_CHARS);
    }
    X509CertificateHolder cross = CertificateInput.decode("certificate", text);
    if (cross.getSubject().equals(cross.getIssuer())) {
      throw new RefusedException(
          Refusal.NOT_A_CROSS_CERTIFICATE,
          "the certificate is self-issued: a root goes into the pool (PUT /v1/root/rootCerts)");
    }
    if (!signsCertificates(cross)) {
      throw new RefusedException(
          Refusal.NOT_A_CROSS_CERTIFICATE,
          "the certificate is not a CA allowed to sign certificates (basicConstraints cA and"
              + " keyUsage keyCertSign)");
    }
    PooledRoot issuer =
        pool.all().stream()
            .filter(r -> r.certificate().getSubject().equals(cross.getIssuer()))
            .filter(r -> signedBy(cross, r.certificate()))
            .findFirst()
            .orElseThrow(
                () ->
                    new RefusedException(
                        Refusal.UNTRUSTED_CHAIN,
                        "the certificate is not signed by a pooled root named "
                            + cross.getIssuer()
                            + ": pool the issuing root first"));
    X509CertificateHolder subject =
        knownRoots().stream()
            .filter(r -> r.getSubject().equals(cross.getSubject()))
            .filter(r -> r.getSubjectPublicKeyInfo().equals(cross.getSubjectPublicKeyInfo()))
            .findFirst()
            .orElseThrow(
                () ->
                    new RefusedException(
                        Refusal.NOT_A_CROSS_CERTIFICATE,
                        "the certificate certifies no root this CA knows: its name and key must be"
                            + " those of a pooled root or a root of this CA's hierarchy"));
    if (!sameKeyIdentifier(cross, subject)) {
      throw new RefusedException(
          Refusal.NOT_A_CROSS_CERTIFICATE,
          "its subjectKeyIdentifier is not the certified root's: the root's children name that"
              + " one as authorityKeyIdentifier, so clients would not link them to the"
              + " cross-certificate (RFC 5280 4.2.1.2)");
    }
    Instant now = clock.instant();
    if (!cross.isValidOn(Date.from(now))) {
      throw new RefusedException(
          Refusal.CERTIFICATE_EXPIRED,
          "the cross-certificate is valid from "
              + cross.getNotBefore().toInstant()
              + " to "
              + cross.getNotAfter().toInstant());
    }
    String sha256 = CertificateInput.fingerprint(CertificateInput.der(cross));
    var record =
        new CrossCertificate(
            sha256,
            cross,
            CertificateInput.fingerprint(CertificateInput.der(subject)),
            issuer.sha256(),
            caller.name(),
            now.truncatedTo(ChronoUnit.MICROS));
    if (!store.add(
        record,
        AuditEvent.done(
            clock,
            caller.name(),
            "cross-certificate-add",
            sha256,
            cross.getSubject() + " by " + cross.getIssuer()))) {
      throw new RefusedException(
          Refusal.CROSS_CERTIFICATE_EXISTS, "the cross-certificate " + sha256 + " is stored");
    }
    return record;
  }

  public List<CrossCertificate> list() {
    return store.all();
  }

  public void remove(Caller caller, String fingerprint) {
    requireAdmin(caller, "remove cross-certificates");
    String sha256 = CertificateInput.sha256Fingerprint("fingerprint", fingerprint);
    if (!store.remove(
        sha256,
        AuditEvent.done(clock, caller.name(), "cross-certificate-remove", sha256, sha256))) {
      throw new RefusedException(Refusal.NOT_FOUND, "no cross-certificate " + sha256);
    }
  }

  /** Valid cross-certificates whose issuing root is still pooled. */
  @Override
  public List<Via> from(String rootSha256) {
    Instant now = clock.instant();
    Optional<PooledRoot> issuer =
        pool.all().stream().filter(r -> r.sha256().equals(rootSha256)).findFirst();
    if (issuer.isEmpty()) {
      return List.of();
    }
    return store.all().stream()
        .filter(c -> c.issuerRootSha256().equals(rootSha256))
        .filter(c -> c.certificate().isValidOn(Date.from(now)))
        .map(c -> new Via(c.subjectRootSha256(), c.certificate(), issuer.get().certificate()))
        .toList();
  }

  private List<X509CertificateHolder> knownRoots() {
    List<X509CertificateHolder> roots = new java.util.ArrayList<>(ownRoots.get());
    pool.all().forEach(r -> roots.add(r.certificate()));
    return roots;
  }

  /** Both carry the same subjectKeyIdentifier, or the root carries none. */
  private static boolean sameKeyIdentifier(
      X509CertificateHolder cross, X509CertificateHolder root) {
    var theRoots = SubjectKeyIdentifier.fromExtensions(root.getExtensions());
    if (theRoots == null) {
      return true;
    }
    var theCross = SubjectKeyIdentifier.fromExtensions(cross.getExtensions());
    return theCross != null
        && java.util.Arrays.equals(theCross.getKeyIdentifier(), theRoots.getKeyIdentifier());
  }

  private static boolean signsCertificates(X509CertificateHolder c) {
    try {
      BasicConstraints bc = BasicConstraints.fromExtensions(c.getExtensions());
      KeyUsage ku = KeyUsage.fromExtensions(c.getExtensions());
      return bc != null && bc.isCA() && (ku == null || ku.hasUsages(KeyUsage.keyCertSign));
    } catch (IllegalArgumentException | IllegalStateException e) {
      return false;
    }
  }

  private static boolean signedBy(X509CertificateHolder c, X509CertificateHolder issuer) {
    try {
      return c.isSignatureValid(SignatureVerifiers.forKey(issuer.getSubjectPublicKeyInfo()));
    } catch (OperatorCreationException | CertException | RuntimeException e) {
      return false;
    }
  }

  private static void requireAdmin(Caller caller, String what) {
    if (!caller.isAdmin()) {
      throw new RefusedException(Refusal.FORBIDDEN, caller.name() + " may not " + what);
    }
  }
}
