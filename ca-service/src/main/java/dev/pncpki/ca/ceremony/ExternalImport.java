package dev.pncpki.ca.ceremony;

import dev.pncpki.ca.keys.KeyBackend;
import dev.pncpki.ca.keys.KeyHandle;
import dev.pncpki.ca.keys.SignatureVerifiers;
import dev.pncpki.ca.pem.CertificateInput;
import dev.pncpki.ca.refusal.RefusedException;
import dev.pncpki.ca.roots.RootCheck;
import dev.pncpki.ca.roots.RootType;
import dev.pncpki.policies.profile.ProfileId;
import dev.pncpki.policies.profile.Suite;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/**
 * Takes in the certificate an external root operator signed for an external Sub-CA of the plan,
 * with the operator's chain up to its root (docs/operations.md, Sub-CAs under an external root).
 * Before anything is written: the certificate is for the Sub-CA's key and the subject it asked for,
 * keeps the Sub-CA's profile, and chains through the bundle to a self-signed root (each link signed
 * by the next, a CA allowed to sign certificates, within its validity: RFC 5280 6.1.3, 4.2.1.9,
 * 4.2.1.3), whose SHA-256 fingerprint is the one confirmed with the operator. Then the operator's
 * certificates enter the folder as certificates without a key here, and the Sub-CA under them; the
 * CA uses the chain once its root is in its root certificate pool.
 */
final class ExternalImport {
  private static final int MAX_DEPTH = 4;

  private final Path directory;
  private final HierarchyFiles files;
  private final KeyBackend backend;

  ExternalImport(Path directory, KeyBackend backend) {
    this.directory = directory;
    this.files = new HierarchyFiles(directory);
    this.backend = backend;
  }

  /** The ids the import wrote, the operator's root first and the Sub-CA last. */
  List<String> run(
      CeremonyPlan plan,
      String id,
      X509CertificateHolder certificate,
      List<X509CertificateHolder> bundle,
      String rootFingerprint,
      Instant now) {
    CertificateSpec spec =
        plan.find(id)
            .filter(CertificateSpec::external)
            .orElseThrow(
                () -> new CeremonyException(id + " is not an external Sub-CA of the plan"));
    if (files.read(id).isPresent()) {
      throw new CeremonyException(id + " is imported already; " + id + ".pem is never replaced");
    }
    PKCS10CertificationRequest request = request(id);
    KeyHandle key =
        backend
            .findKey(spec.keyName())
            .orElseThrow(
                () ->
                    new CeremonyException(
                        "key " + spec.keyName() + " of " + id + " is not in the key backend"));
    if (!certificate.getSubjectPublicKeyInfo().equals(key.publicKey())) {
      throw new CeremonyException(
          "the certificate is not for the key of " + id + " (" + key.reference() + ")");
    }
    if (!certificate.getSubject().equals(request.getSubject())) {
      throw new CeremonyException(
          "the certificate names "
              + certificate.getSubject()
              + ", not the subject "
              + request.getSubject()
              + " that "
              + id
              + ".csr asked for");
    }
    var violations = spec.profile().violations(certificate);
    if (!violations.isEmpty()) {
      throw new CeremonyException(
          "the certificate breaks profile " + spec.profile().label() + ": " + violations);
    }
    List<X509CertificateHolder> path = path(certificate, bundle, now);
    int expected = spec.profile().id().tier() == ProfileId.Tier.SUB_CA_1 ? 1 : 2;
    if (path.size() != expected) {
      throw new CeremonyException(
          "a "
              + spec.profile().label()
              + " is "
              + (expected == 1
                  ? "signed by the root itself"
                  : "signed by a Sub-CA 1 under the root")
              + " (ISO 15118-2 V2G2-009); this chain has "
              + path.size()
              + " certificate(s) above it");
    }
    X509CertificateHolder root = path.getLast();
    try {
      RootCheck.check(root, RootType.V2G, now);
    } catch (RefusedException e) {
      throw new CeremonyException("the operator's root: " + e.getMessage());
    }
    String actual = CertificateInput.fingerprint(CertificateInput.der(root));
    String confirmed;
    try {
      confirmed = CertificateInput.sha256Fingerprint("--root-fingerprint", rootFingerprint);
    } catch (RefusedException e) {
      throw new CeremonyException(e.getMessage());
    }
    if (!actual.equals(confirmed)) {
      throw new CeremonyException(
          "the root's SHA-256 fingerprint is " + actual + ", not the confirmed " + confirmed);
    }
    return write(spec, certificate, key, path, plan);
  }

  private PKCS10CertificationRequest request(String id) {
    Path file = files.requestFile(id);
    if (!Files.exists(file)) {
      throw new CeremonyException("no " + file + ": run the ceremony first, it writes the request");
    }
    try (var parser = new PEMParser(new StringReader(Files.readString(file)))) {
      if (parser.readObject() instanceof PKCS10CertificationRequest csr) {
        return csr;
      }
      throw new CeremonyException(file + " holds no certificate request");
    } catch (IOException e) {
      throw new CeremonyException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  /** The operator's certificates above {@code certificate}, its issuer first, the root last. */
  static List<X509CertificateHolder> path(
      X509CertificateHolder certificate, List<X509CertificateHolder> bundle, Instant now) {
    List<X509CertificateHolder> path = new ArrayList<>();
    X509CertificateHolder current = certificate;
    for (int depth = 0; depth < MAX_DEPTH; depth++) {
      X509CertificateHolder child = current;
      X509CertificateHolder parent =
          bundle.stream()
              .filter(c -> c.getSubject().equals(child.getIssuer()) && signedBy(child, c))
              .findFirst()
              .orElseThrow(
                  () ->
                      new CeremonyException(
                          "the chain does not reach a root: no certificate of the bundle issued "
                              + child.getSubject()
                              + " (issuer "
                              + child.getIssuer()
                              + ")"));
      BasicConstraints constraints = BasicConstraints.fromExtensions(parent.getExtensions());
      KeyUsage usage = KeyUsage.fromExtensions(parent.getExtensions());
      if (constraints == null
          || !constraints.isCA()
          || (usage != null && !usage.hasUsages(KeyUsage.keyCertSign))) {
        throw new CeremonyException(
            parent.getSubject() + " in the chain is not a CA that signs certificates");
      }
      if (child.getNotBefore().before(parent.getNotBefore())
          || child.getNotAfter().after(parent.getNotAfter())) {
        throw new CeremonyException(
            child.getSubject()
                + " is valid outside the validity of its issuer "
                + parent.getSubject());
      }
      if (!parent.isValidOn(Date.from(now))) {
        throw new CeremonyException(parent.getSubject() + " in the chain is not valid now");
      }
      path.add(parent);
      if (parent.getSubject().equals(parent.getIssuer())) {
        return path;
      }
      current = parent;
    }
    throw new CeremonyException("the chain is longer than " + MAX_DEPTH + " certificates");
  }

  private static boolean signedBy(X509CertificateHolder child, X509CertificateHolder parent) {
    try {
      return child.isSignatureValid(SignatureVerifiers.forKey(parent.getSubjectPublicKeyInfo()));
    } catch (OperatorCreationException | CertException | IllegalArgumentException e) {
      return false;
    }
  }

  /** The operator's certificates (root first) as keyless entries, then the Sub-CA. */
  private List<String> write(
      CertificateSpec spec,
      X509CertificateHolder certificate,
      KeyHandle key,
      List<X509CertificateHolder> path,
      CeremonyPlan plan) {
    ExistingHierarchy folder = ExistingHierarchy.read(directory, Instant.EPOCH);
    List<Object> entries = new ArrayList<>(folder.entries());
    List<String> written = new ArrayList<>();
    String issuer = null;
    for (int i = path.size() - 1; i >= 0; i--) {
      X509CertificateHolder c = path.get(i);
      String foreignId =
          "ext-" + CertificateInput.fingerprint(CertificateInput.der(c)).substring(0, 16);
      if (files.read(foreignId).isEmpty()) {
        files.writeNew(foreignId, c);
      }
      if (folder.find(foreignId).isEmpty()) {
        entries.add(entry(foreignId, foreignProfile(spec, i == path.size() - 1), issuer, null, c));
      }
      written.add(foreignId);
      issuer = foreignId;
    }
    files.writeNew(spec.id(), certificate);
    entries.add(entry(spec.id(), spec.profile().label(), issuer, key.reference(), certificate));
    written.add(spec.id());
    files.writeManifest(Ceremony.manifest(plan.baseUrl().toString(), entries));
    return written;
  }

  /**
   * The profile an operator's certificate stands for: its root is a V2G root for CPO and CPS chains
   * (ISO 15118-2 Annex F), the root of its own PKI for MO and OEM chains (which may also hang under
   * a V2G root); the certificate between the root and an external Sub-CA 2 is the Sub-CA 1 of that
   * PKI.
   */
  private static String foreignProfile(CertificateSpec spec, boolean root) {
    ProfileId sub = spec.profile().id();
    String base =
        !root
            ? sub.pki().name().toLowerCase(Locale.ROOT) + "-sub-ca-1"
            : switch (sub.pki()) {
              case MO -> "mo-root";
              case OEM -> "oem-root";
              default -> "v2g-root";
            };
    Suite suite = spec.profile().suite();
    return suite == Suite.ISO15118_2 ? base : base + "@" + suite.label();
  }

  /** A manifest entry of the import, marked external. */
  private static Map<String, Object> entry(
      String id, String profile, String issuer, String key, X509CertificateHolder c) {
    Map<String, Object> e = Ceremony.entry(id, profile, issuer, key, c);
    e.put("external", true);
    return e;
  }

  static List<X509CertificateHolder> readBundle(Path file) {
    List<X509CertificateHolder> out = new ArrayList<>();
    try (var parser = new PEMParser(Files.newBufferedReader(file))) {
      for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
        if (o instanceof X509CertificateHolder c) {
          out.add(c);
        }
      }
    } catch (IOException e) {
      throw new CeremonyException("cannot read " + file + ": " + e.getMessage(), e);
    }
    if (out.isEmpty()) {
      throw new CeremonyException(file + " holds no PEM certificate");
    }
    return out;
  }
}
