package dev.pncpki.ca.ceremony;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pncpki.policies.profile.CertificateProfile;
import dev.pncpki.policies.profile.ProfileCatalog;
import dev.pncpki.policies.profile.SubjectFields;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.X509CertificateHolder;

/**
 * What earlier ceremonies left in a hierarchy folder, so that a plan may add to it: a plan's
 * certificate may name as issuer one that only the folder holds (a new Sub-CA under an existing
 * root, a new OCSP signer for an existing CA), and the manifest keeps every certificate it listed.
 * An existing certificate stands in the plan checks with the days it has left as its validity, so
 * that nothing new outlives it.
 */
public record ExistingHierarchy(
    Optional<String> baseUrl, List<JsonNode> entries, List<CertificateSpec> specs) {

  public ExistingHierarchy {
    entries = List.copyOf(entries);
    specs = List.copyOf(specs);
  }

  /** A folder no ceremony has written to. */
  public static ExistingHierarchy none() {
    return new ExistingHierarchy(Optional.empty(), List.of(), List.of());
  }

  public static ExistingHierarchy read(Path directory, Instant now) {
    Path manifest = directory.resolve("hierarchy.json");
    if (!Files.exists(manifest)) {
      return none();
    }
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(manifest.toFile());
    } catch (IOException e) {
      throw new CeremonyException("cannot read " + manifest + ": " + e.getMessage(), e);
    }
    var files = new HierarchyFiles(directory);
    List<JsonNode> entries = new ArrayList<>();
    List<CertificateSpec> specs = new ArrayList<>();
    for (JsonNode entry : root.path("certificates")) {
      String id = entry.path("id").asText();
      X509CertificateHolder certificate =
          files
              .read(id)
              .orElseThrow(
                  () ->
                      new CeremonyException(
                          manifest + " lists " + id + " but has no " + id + ".pem"));
      entries.add(entry);
      specs.add(spec(id, entry, certificate, now, manifest));
    }
    String baseUrl = root.path("baseUrl").asText(null);
    return new ExistingHierarchy(Optional.ofNullable(baseUrl), entries, specs);
  }

  public Optional<CertificateSpec> find(String id) {
    return specs.stream().filter(s -> s.id().equals(id)).findFirst();
  }

  private static CertificateSpec spec(
      String id, JsonNode entry, X509CertificateHolder certificate, Instant now, Path manifest) {
    CertificateProfile profile;
    try {
      profile = ProfileCatalog.byLabel(entry.path("profile").asText());
    } catch (IllegalArgumentException e) {
      throw new CeremonyException(manifest + ": " + id + ": " + e.getMessage());
    }
    X500Name subject = certificate.getSubject();
    var fields =
        new SubjectFields(
            value(subject, BCStyle.CN).orElse(id),
            value(subject, BCStyle.O),
            value(subject, BCStyle.C));
    long daysLeft = Duration.between(now, certificate.getNotAfter().toInstant()).toDays();
    Optional<String> issuer =
        entry.path("issuer").isTextual()
            ? Optional.of(entry.path("issuer").asText())
            : Optional.empty();
    return new CertificateSpec(id, profile, issuer, fields, (int) Math.max(0, daysLeft));
  }

  private static Optional<String> value(X500Name name, ASN1ObjectIdentifier type) {
    var rdns = name.getRDNs(type);
    return rdns.length == 0
        ? Optional.empty()
        : Optional.of(rdns[0].getFirst().getValue().toString());
  }
}
