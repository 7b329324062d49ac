package dev.pncpki.ca.ceremony;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.pncpki.ca.issuance.SerialNumbers;
import dev.pncpki.ca.issuance.TemplateSigning;
import dev.pncpki.ca.keys.KeyBackend;
import dev.pncpki.ca.keys.KeyBackendException;
import dev.pncpki.ca.keys.KeyHandle;
import dev.pncpki.policies.profile.IssuerRef;
import dev.pncpki.policies.profile.ProfileViolationException;
import dev.pncpki.policies.profile.TemplateRequest;
import dev.pncpki.policies.profile.Violation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * Creates a CA hierarchy from a plan: keys in the key backend, certificates in a folder. Safe to
 * run again: what exists is checked and kept, never replaced; what is missing is created. A plan
 * the profiles reject, or a backend that cannot be reached, stops it before anything is made.
 */
public final class Ceremony {
  private final KeyBackend backend;
  private final Path directory;
  private final HierarchyFiles files;
  private final Clock clock;
  private final SecureRandom random;

  public Ceremony(KeyBackend backend, Path directory, Clock clock, SecureRandom random) {
    this.backend = backend;
    this.directory = directory;
    this.files = new HierarchyFiles(directory);
    this.clock = clock;
    this.random = random;
  }

  /**
   * What the ceremony did for one certificate. {@code request} is the PKCS#10 file of an external
   * Sub-CA that awaits its certificate from the root operator (then {@code serial} is absent).
   */
  public record Outcome(
      String id,
      String profile,
      boolean created,
      String key,
      String serial,
      Optional<Path> request) {}

  /**
   * Creates what the plan lists and the folder lacks. A plan may add to the folder: a certificate
   * whose issuer only the folder holds is issued by that one, and the manifest keeps the folder's
   * certificates that the plan does not list, before the new ones.
   */
  public List<Outcome> run(CeremonyPlan plan) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    new DryRun().check(plan, now);
    preflight(plan);
    ExistingHierarchy folder = ExistingHierarchy.read(directory, now);
    Map<String, Issued> issued = new HashMap<>();
    List<Outcome> outcomes = new ArrayList<>();
    for (CertificateSpec spec : plan.certificates()) {
      Optional<X509CertificateHolder> existing = files.read(spec.id());
      if (spec.external()) {
        if (existing.isPresent() && folder.find(spec.id()).isPresent()) {
          // imported: its certificate and the operator's chain are in the manifest
          Issued imported = adopt(spec, existing.get());
          issued.put(spec.id(), imported);
          outcomes.add(
              new Outcome(
                  spec.id(),
                  spec.profile().label(),
                  false,
                  imported.key().reference(),
                  imported.certificate().getSerialNumber().toString(16),
                  Optional.empty()));
          continue;
        }
        outcomes.add(external(plan, spec, existing, now));
        continue;
      }
      spec.issuer()
          .filter(id -> plan.find(id).map(CertificateSpec::external).orElse(false))
          .filter(id -> !issued.containsKey(id))
          .ifPresent(
              id -> {
                throw new CeremonyException(
                    "certificate "
                        + spec.id()
                        + ": its issuer "
                        + id
                        + " awaits its certificate from the external root operator ("
                        + id
                        + ".csr); nothing under it is made before that certificate is imported");
              });
      spec.issuer()
          .filter(id -> !issued.containsKey(id))
          .ifPresent(id -> issued.put(id, adoptIssuer(id, folder)));
      Issued result =
          existing.isPresent() ? adopt(spec, existing.get()) : create(plan, spec, issued, now);
      issued.put(spec.id(), result);
      outcomes.add(
          new Outcome(
              spec.id(),
              spec.profile().label(),
              existing.isEmpty(),
              result.key().reference(),
              result.certificate().getSerialNumber().toString(16),
              Optional.empty()));
    }
    files.writeManifest(manifest(plan, issued, folder));
    return outcomes;
  }

  /**
   * Takes in the certificate a root operator signed for external Sub-CA {@code id} of the plan,
   * with the operator's chain ({@code chain}: a PEM bundle up to its root, whose SHA-256 {@code
   * rootFingerprint} was confirmed out of band); the ids written, the root first.
   */
  public List<String> importExternal(
      CeremonyPlan plan, String id, Path certificate, Path chain, String rootFingerprint) {
    List<X509CertificateHolder> signed = ExternalImport.readBundle(certificate);
    if (signed.size() != 1) {
      throw new CeremonyException(
          certificate + " holds " + signed.size() + " certificates, not one");
    }
    return new ExternalImport(directory, backend)
        .run(
            plan,
            id,
            signed.getFirst(),
            ExternalImport.readBundle(chain),
            rootFingerprint,
            clock.instant());
  }

  /** An issuer the plan has not made or adopted yet: the folder's certificate and key. */
  private Issued adoptIssuer(String id, ExistingHierarchy folder) {
    CertificateSpec spec =
        folder
            .find(id)
            .orElseThrow(
                () ->
                    new CeremonyException(
                        "issuer " + id + " is neither earlier in the plan nor in " + directory));
    X509CertificateHolder certificate =
        files
            .read(id)
            .orElseThrow(() -> new CeremonyException(directory + " has no " + id + ".pem"));
    return adopt(spec, certificate);
  }

  private record Issued(CertificateSpec spec, X509CertificateHolder certificate, KeyHandle key) {}

  /**
   * An external Sub-CA: its key, made once, and its PKCS#10 request for the root operator, written
   * once and kept. Its certificate comes from the root operator; until it is imported nothing uses
   * the key, and the manifest does not list it.
   */
  private Outcome external(
      CeremonyPlan plan,
      CertificateSpec spec,
      Optional<X509CertificateHolder> existing,
      Instant now) {
    if (existing.isPresent()) {
      throw new CeremonyException(
          "certificate "
              + spec.id()
              + ": "
              + spec.id()
              + ".pem is in the folder, but an externally signed certificate is taken in only by"
              + " ceremony-import, which checks it and its chain; remove the file");
    }
    try {
      Optional<KeyHandle> found = backend.findKey(spec.keyName());
      KeyHandle key =
          found.orElseGet(() -> backend.createKey(spec.keyName(), spec.profile().keyAlgorithm()));
      boolean created =
          files.writeRequestOnce(
              spec.id(),
              key.publicKey(),
              () -> ExternalRequest.build(plan, spec, backend, key, now));
      return new Outcome(
          spec.id(),
          spec.profile().label(),
          found.isEmpty() || created,
          key.reference(),
          null,
          Optional.of(files.requestFile(spec.id())));
    } catch (KeyBackendException | ProfileViolationException e) {
      throw new CeremonyException("certificate " + spec.id() + ": " + e.getMessage(), e);
    }
  }

  private void preflight(CeremonyPlan plan) {
    try {
      backend.findKey(plan.certificates().get(0).keyName());
    } catch (KeyBackendException e) {
      throw new CeremonyException("key backend: " + e.getMessage(), e);
    }
  }

  private Issued adopt(CertificateSpec spec, X509CertificateHolder certificate) {
    KeyHandle key =
        backend
            .findKey(spec.keyName())
            .orElseThrow(
                () ->
                    new CeremonyException(
                        "certificate "
                            + spec.id()
                            + " exists but key "
                            + spec.keyName()
                            + " is not in the key backend"));
    if (!key.publicKey().equals(certificate.getSubjectPublicKeyInfo())) {
      throw new CeremonyException(
          "certificate "
              + spec.id()
              + " does not match the current version of key "
              + spec.keyName()
              + "; it is kept as it is");
    }
    List<Violation> violations = spec.profile().violations(certificate);
    if (!violations.isEmpty()) {
      throw new CeremonyException(
          "existing certificate " + spec.id() + " breaks its profile: " + violations);
    }
    return new Issued(spec, certificate, key);
  }

  private Issued create(
      CeremonyPlan plan, CertificateSpec spec, Map<String, Issued> issued, Instant now) {
    try {
      KeyHandle key =
          backend
              .findKey(spec.keyName())
              .orElseGet(() -> backend.createKey(spec.keyName(), spec.profile().keyAlgorithm()));
      Optional<Issued> issuer = spec.issuer().map(issued::get);
      KeyHandle signingKey = issuer.map(Issued::key).orElse(key);
      var request =
          request(
              plan,
              spec,
              key.publicKey(),
              issuer.map(i -> IssuerRef.of(i.certificate())),
              SerialNumbers.random(random),
              now);
      X509CertificateHolder certificate =
          TemplateSigning.signAndCheck(spec.profile().template(request), backend, signingKey);
      files.writeNew(spec.id(), certificate);
      return new Issued(spec, certificate, key);
    } catch (KeyBackendException | ProfileViolationException e) {
      throw new CeremonyException("certificate " + spec.id() + ": " + e.getMessage(), e);
    }
  }

  static TemplateRequest request(
      CeremonyPlan plan,
      CertificateSpec spec,
      SubjectPublicKeyInfo key,
      Optional<IssuerRef> issuer,
      BigInteger serial,
      Instant now) {
    String urlsOf = spec.issuer().orElse(spec.id());
    return new TemplateRequest(
        spec.subject(),
        key,
        issuer,
        serial,
        now,
        DryRun.notAfter(now, spec),
        Optional.of(plan.ocspUrl(urlsOf)),
        Optional.of(plan.crlUrl(urlsOf)));
  }

  /**
   * The folder's entries in their order (those the plan lists written afresh), then the plan's new
   * ones in the plan's order: an issuer always comes before what it issued.
   */
  private static byte[] manifest(
      CeremonyPlan plan, Map<String, Issued> issued, ExistingHierarchy folder) {
    List<Object> entries = new ArrayList<>();
    for (JsonNode old : folder.entries()) {
      String id = old.path("id").asText();
      boolean planned = plan.find(id).filter(s -> !s.external()).isPresent();
      entries.add(planned ? entry(plan.find(id).get(), issued.get(id)) : old);
    }
    for (CertificateSpec spec : plan.certificates()) {
      if (folder.find(spec.id()).isEmpty() && issued.containsKey(spec.id())) {
        entries.add(entry(spec, issued.get(spec.id())));
      }
    }
    return manifest(plan.baseUrl().toString(), entries);
  }

  /**
   * The manifest's bytes, its fields in this order, so that the same hierarchy always writes the
   * same bytes (the ceremony, and the import of an external Sub-CA).
   */
  static byte[] manifest(String baseUrl, List<Object> entries) {
    Map<String, Object> body = new java.util.LinkedHashMap<>();
    body.put("baseUrl", baseUrl);
    body.put("certificates", entries);
    try {
      return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Object> entry(CertificateSpec spec, Issued i) {
    return entry(
        spec.id(),
        spec.profile().label(),
        spec.issuer().orElse(null),
        i.key().reference(),
        i.certificate());
  }

  /** One certificate of the manifest; {@code key} is null for an external operator's. */
  static Map<String, Object> entry(
      String id, String profile, String issuer, String key, X509CertificateHolder certificate) {
    Map<String, Object> e = new java.util.LinkedHashMap<>();
    e.put("id", id);
    e.put("profile", profile);
    e.put("issuer", issuer);
    e.put("key", key);
    e.put("serial", certificate.getSerialNumber().toString(16));
    e.put("subject", certificate.getSubject().toString());
    e.put("notAfter", certificate.getNotAfter().toInstant().toString());
    e.put("certificate", id + ".pem");
    return e;
  }
}
