package dev.pncpki.bridge.ocpp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.SpecVersionDetector;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The official OCPP message definitions (the Open Charge Alliance's JSON schemas), loaded from a
 * directory with one folder per version, {@code v16/} and {@code v201/}, holding the schema files
 * directly or in a {@code schemas/} subfolder (as the Python {@code ocpp} package ships them). They
 * are not part of this project. Every payload the bridge receives or sends is checked against them.
 */
public final class MessageSchemas {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Map<OcppVersion, Path> folders = new java.util.EnumMap<>(OcppVersion.class);
  private final Map<String, Optional<JsonSchema>> loaded = new ConcurrentHashMap<>();

  public MessageSchemas(Path root) {
    for (OcppVersion v : OcppVersion.values()) {
      Path folder = root.resolve(v.schemaFolder());
      Path nested = folder.resolve("schemas");
      folder = Files.isDirectory(nested) ? nested : folder;
      if (!Files.isRegularFile(folder.resolve(v.requestSchema("BootNotification")))) {
        throw new IllegalArgumentException(
            "OCPP schemas: no " + v.subprotocol() + " schemas in " + folder + " (see README)");
      }
      folders.put(v, folder);
    }
  }

  /** Whether the version defines the action at all. */
  public boolean defines(OcppVersion version, String action) {
    return schema(version, version.requestSchema(action)).isPresent();
  }

  public void checkRequest(OcppVersion version, String action, JsonNode payload)
      throws OcppException {
    check(version, version.requestSchema(action), payload);
  }

  public void checkResponse(OcppVersion version, String action, JsonNode payload)
      throws OcppException {
    check(version, version.responseSchema(action), payload);
  }

  /**
   * Get15118EVCertificateResponse.exiResponse is capped at 5,600 characters by the 2.0.1 schema,
   * which real CertificateInstallationRes messages exceed (the Python ocpp library's schema allows
   * 7,500, OCPP 2.1 17,000, and a 2.0.1 station may advertise a larger FieldLength). The bridge
   * does not hold a longer response back: the field's length is left out of the check.
   */
  private static JsonNode withoutExiCap(OcppVersion version, String file, JsonNode payload) {
    if (version != OcppVersion.OCPP201
        || !file.equals("Get15118EVCertificateResponse.json")
        || payload.path("exiResponse").asText().length() <= 5600
        || !(payload instanceof com.fasterxml.jackson.databind.node.ObjectNode object)) {
      return payload;
    }
    return object.deepCopy().put("exiResponse", "");
  }

  /** Checks a payload against one schema file of the version ({@code "ActionRequest.json"}). */
  public void check(OcppVersion version, String file, JsonNode payload) throws OcppException {
    payload = withoutExiCap(version, file, payload);
    JsonSchema schema =
        schema(version, file)
            .orElseThrow(
                () -> new OcppException(ErrorCode.NOT_IMPLEMENTED, "no definition " + file));
    Set<ValidationMessage> problems = schema.validate(payload);
    if (problems.isEmpty()) {
      return;
    }
    ValidationMessage first = mostBasic(problems);
    throw new OcppException(Broken.of(first.getType()).code, first.getMessage());
  }

  /**
   * The problem a CALLERROR names when a payload breaks several keywords: by keyword, in {@link
   * Broken}'s order, not by whichever the validator reports or sorts first (a wrong JSON type also
   * fails its enumeration; the type is what is wrong). Ties go to the first field, for a stable
   * description.
   */
  private static ValidationMessage mostBasic(Set<ValidationMessage> problems) {
    return problems.stream()
        .min(
            Comparator.comparing((ValidationMessage m) -> Broken.of(m.getType()))
                .thenComparing(m -> String.valueOf(m.getInstanceLocation()))
                .thenComparing(ValidationMessage::getMessage))
        .orElseThrow();
  }

  /**
   * Schema keywords by the CALLERROR they break, after the OCPP-J definitions (1.6 section 4.2.3,
   * 2.0.1 Part 4 section 4.3), in the order one is chosen when several break: a wrong JSON type or
   * an over-long string breaks a data type (TypeConstraintViolation, e.g. {@code "somestring":
   * 12}); a missing field an occurrence constraint (OccurrenceConstraintViolation, 1.6
   * "OccurenceConstraintViolation"); a field the PDU does not have, or any other keyword, makes the
   * payload not conform to the PDU (1.6 FormationViolation, 2.0.1 FormatViolation); a value outside
   * an enumeration, a pattern, a format or a range is an invalid value of a well-typed field
   * (PropertyConstraintViolation).
   */
  private enum Broken {
    TYPE(ErrorCode.TYPE_CONSTRAINT_VIOLATION, Set.of("type", "maxLength", "minLength")),
    OCCURRENCE(
        ErrorCode.OCCURRENCE_CONSTRAINT_VIOLATION, Set.of("required", "minItems", "maxItems")),
    STRUCTURE(ErrorCode.FORMAT_VIOLATION, Set.of("additionalProperties")),
    VALUE(
        ErrorCode.PROPERTY_CONSTRAINT_VIOLATION,
        Set.of(
            "enum",
            "const",
            "pattern",
            "format",
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "multipleOf"));

    final ErrorCode code;
    final Set<String> keywords;

    Broken(ErrorCode code, Set<String> keywords) {
      this.code = code;
      this.keywords = keywords;
    }

    static Broken of(String keyword) {
      for (Broken b : values()) {
        if (b.keywords.contains(keyword)) {
          return b;
        }
      }
      return STRUCTURE;
    }
  }

  private Optional<JsonSchema> schema(OcppVersion version, String file) {
    String key = version.schemaFolder() + "/" + file;
    Optional<JsonSchema> known = loaded.get(key);
    if (known != null) {
      return known;
    }
    Optional<JsonSchema> read = read(version, file);
    if (read.isPresent()) { // misses are not kept: made-up action names cannot fill the cache
      loaded.put(key, read);
    }
    return read;
  }

  /**
   * The OCA's schema files carry two keywords of their own, {@code comment} and {@code javaType},
   * that say nothing about validity: declared as such, so the validator does not warn of them.
   */
  private static JsonSchemaFactory factory(SpecVersion.VersionFlag version) {
    JsonMetaSchema standard =
        version == SpecVersion.VersionFlag.V4 ? JsonMetaSchema.getV4() : JsonMetaSchema.getV6();
    JsonMetaSchema ocpp =
        JsonMetaSchema.builder(standard.getIri(), standard)
            .keywords(
                List.of(new NonValidationKeyword("comment"), new NonValidationKeyword("javaType")))
            .build();
    return JsonSchemaFactory.getInstance(version, builder -> builder.metaSchema(ocpp));
  }

  private Optional<JsonSchema> read(OcppVersion version, String name) {
    if (!name.matches("[A-Za-z0-9]{1,64}\\.json")) {
      return Optional.empty(); // an action name from the wire never becomes an arbitrary path
    }
    Path file = folders.get(version).resolve(name);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      JsonNode node = JSON.readTree(file.toFile());
      return Optional.of(factory(SpecVersionDetector.detect(node)).getSchema(node));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read OCPP schema " + file, e);
    }
  }
}
