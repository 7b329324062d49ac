package dev.pncpki.ca.ceremony;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.pncpki.ca.revocation.PublicUrl;
import dev.pncpki.policies.profile.CertificateProfile;
import dev.pncpki.policies.profile.ProfileCatalog;
import dev.pncpki.policies.profile.SubjectFields;
import dev.pncpki.policies.profile.Suite;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads a ceremony file (YAML) into a {@link CeremonyPlan}, rejecting anything incomplete or
 * inconsistent with one clear line before any key or certificate is made.
 */
public final class CeremonyPlanReader {
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,58}");
  private static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private CeremonyPlanReader() {}

  record PlanFile(String baseUrl, String suite, List<Entry> certificates) {}

  record Entry(
      String id,
      String profile,
      String issuer,
      SubjectEntry subject,
      Integer validityDays,
      String curve,
      Boolean external) {}

  record SubjectEntry(String commonName, String organization, String country) {}

  /**
   * Reads a plan for a CA whose public URL is {@code publicUrl}: the URLs baked into the
   * certificates (OCSP, CRL) are under it. The plan's own {@code baseUrl} is optional and, when
   * given, must be that URL: a CA never names revocation URLs it does not serve.
   */
  public static CeremonyPlan read(Path file, URI publicUrl) {
    return read(file, publicUrl, ExistingHierarchy.none());
  }

  /**
   * Reads a plan that may add to the hierarchy {@code existing} in the folder: its certificates may
   * name one of the folder's as issuer, and the folder must have been made for the same URL.
   */
  public static CeremonyPlan read(Path file, URI publicUrl, ExistingHierarchy existing) {
    PlanFile plan;
    try {
      plan = YAML.readValue(Files.readAllBytes(file), PlanFile.class);
    } catch (NoSuchFileException e) {
      throw new CeremonyException(file + ": no such file");
    } catch (UnrecognizedPropertyException e) {
      throw new CeremonyException(
          file
              + ": unknown field \""
              + e.getPropertyName()
              + "\" at "
              + path(e)
              + "; known: "
              + e.getKnownPropertyIds());
    } catch (JsonMappingException e) {
      throw new CeremonyException(file + ": " + e.getOriginalMessage() + " at " + path(e));
    } catch (IOException e) {
      throw new CeremonyException(
          file + ": not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (plan == null) {
      throw new CeremonyException(file + ": is empty");
    }
    return validate(file.getFileName().toString(), plan, publicUrl, existing);
  }

  static CeremonyPlan validate(
      String name, PlanFile plan, URI publicUrl, ExistingHierarchy existing) {
    URI baseUrl = plan.baseUrl() == null ? publicUrl : baseUrl(name, plan.baseUrl());
    if (!baseUrl.toString().equals(publicUrl.toString())) {
      throw new CeremonyException(
          name
              + ": baseUrl "
              + baseUrl
              + " is not the CA's public URL "
              + publicUrl
              + "; leave baseUrl out of the plan, or set publicUrl in the configuration to it");
    }
    if (existing.baseUrl().filter(url -> !url.equals(baseUrl.toString())).isPresent()) {
      throw new CeremonyException(
          name
              + ": the hierarchy folder was made for "
              + existing.baseUrl().get()
              + ", not "
              + baseUrl
              + "; certificates of one hierarchy name one URL (docs/adr/002)");
    }
    Suite suite = plan.suite() == null ? Suite.ISO15118_2 : suite(name, plan.suite());
    if (plan.certificates() == null || plan.certificates().isEmpty()) {
      throw new CeremonyException(name + ": \"certificates\" is missing or empty");
    }
    List<CertificateSpec> specs = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < plan.certificates().size(); i++) {
      Entry e = plan.certificates().get(i);
      String where =
          name + ": certificates[" + i + "]" + (e.id() == null ? "" : " (" + e.id() + ")");
      CertificateSpec spec = spec(where, e, suite);
      if (!ids.add(spec.id())) {
        throw new CeremonyException(where + ": id \"" + spec.id() + "\" is used twice");
      }
      IssuerRules.check(where, spec, issuers(specs, existing));
      specs.add(spec);
    }
    return new CeremonyPlan(baseUrl, specs);
  }

  /** The plan's certificates so far, then the folder's that the plan does not list. */
  private static List<CertificateSpec> issuers(
      List<CertificateSpec> planned, ExistingHierarchy existing) {
    List<CertificateSpec> all = new ArrayList<>(planned);
    existing.specs().stream()
        .filter(e -> planned.stream().noneMatch(p -> p.id().equals(e.id())))
        .forEach(all::add);
    return all;
  }

  private static CertificateSpec spec(String where, Entry e, Suite suite) {
    String id = required(where, "id", e.id());
    if (!ID.matcher(id).matches()) {
      throw new CeremonyException(where + ": id \"" + id + "\" must be 1..59 of a-z, 0-9 and '-'");
    }
    CertificateProfile profile = profile(where, required(where, "profile", e.profile()), suite);
    if (e.curve() != null && !sameCurve(e.curve(), profile.keyAlgorithm().curveName())) {
      throw new CeremonyException(
          where
              + ": curve \""
              + e.curve()
              + "\" does not fit profile "
              + profile.label()
              + ", which needs "
              + profile.keyAlgorithm().curveName());
    }
    SubjectEntry s = e.subject();
    if (s == null) {
      throw new CeremonyException(where + ": \"subject\" is missing");
    }
    var subject =
        new SubjectFields(
            required(where, "subject.commonName", s.commonName()),
            Optional.ofNullable(s.organization()),
            Optional.ofNullable(s.country()));
    int days = required(where, "validityDays", e.validityDays());
    if (days <= 0) {
      throw new CeremonyException(where + ": validityDays must be positive, is " + days);
    }
    return new CertificateSpec(
        id,
        profile,
        Optional.ofNullable(e.issuer()),
        subject,
        days,
        Boolean.TRUE.equals(e.external()));
  }

  private static CertificateProfile profile(String where, String label, Suite suite) {
    try {
      return label.contains("@")
          ? ProfileCatalog.byLabel(label)
          : ProfileCatalog.byLabel(label + (suite == Suite.ISO15118_2 ? "" : "@" + suite.label()));
    } catch (IllegalArgumentException e) {
      throw new CeremonyException(where + ": " + e.getMessage());
    }
  }

  private static boolean sameCurve(String given, String needed) {
    String g = given.toLowerCase(java.util.Locale.ROOT);
    return g.equals(needed.toLowerCase(java.util.Locale.ROOT))
        || (needed.equals("secp256r1") && (g.equals("prime256v1") || g.equals("p-256")))
        || (needed.equals("secp521r1") && g.equals("p-521"));
  }

  private static URI baseUrl(String name, String url) {
    try {
      return PublicUrl.parse(url).uri();
    } catch (IllegalArgumentException e) {
      throw new CeremonyException(name + ": baseUrl " + e.getMessage());
    }
  }

  private static Suite suite(String name, String label) {
    try {
      return Suite.fromLabel(label);
    } catch (IllegalArgumentException e) {
      throw new CeremonyException(name + ": " + e.getMessage());
    }
  }

  private static <T> T required(String where, String field, T value) {
    if (value == null || (value instanceof String s && s.isBlank())) {
      throw new CeremonyException(where + ": required field \"" + field + "\" is missing");
    }
    return value;
  }

  private static String path(JsonMappingException e) {
    return e.getPath().stream()
        .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
        .collect(Collectors.joining("."))
        .replace(".[", "[");
  }
}
