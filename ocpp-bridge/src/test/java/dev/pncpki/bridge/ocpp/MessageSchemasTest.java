package dev.pncpki.bridge.ocpp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which CALLERROR a payload that breaks several schema keywords gets. The OCA's schemas are not
 * part of this project; a small schema in their dialect (draft 06, as both versions' files are)
 * stands in for them here, with the keywords they use.
 */
class MessageSchemasTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PROBE =
      """
      {
        "$schema": "http://json-schema.org/draft-06/schema#",
        "comment": "a stand-in for an OCA schema",
        "type": "object",
        "additionalProperties": false,
        "properties": {
          "kind": {"type": "string", "additionalProperties": false, "enum": ["Hard", "Soft"]},
          "at": {"type": "string", "format": "date-time"},
          "note": {"type": "string", "maxLength": 5},
          "count": {"type": "integer"}
        },
        "required": ["kind"]
      }
      """;

  @TempDir static Path root;
  static MessageSchemas schemas;

  @BeforeAll
  static void write() throws Exception {
    for (OcppVersion v : OcppVersion.values()) {
      Path folder = Files.createDirectories(root.resolve(v.schemaFolder()));
      Files.writeString(folder.resolve(v.requestSchema("BootNotification")), PROBE);
      Files.writeString(folder.resolve(v.requestSchema("Probe")), PROBE);
    }
    schemas = new MessageSchemas(root);
  }

  private static String code(OcppVersion version, String payload) throws Exception {
    OcppException e =
        catchThrowableOfType(
            OcppException.class,
            () -> schemas.checkRequest(version, "Probe", JSON.readTree(payload)));
    return e == null ? "valid" : e.code().wire(version);
  }

  @Test
  void aWrongJsonTypeIsATypeConstraintViolationThoughItsEnumerationFailsToo() throws Exception {
    for (OcppVersion v : OcppVersion.values()) {
      assertThat(code(v, "{\"kind\": 12}")).isEqualTo("TypeConstraintViolation");
      assertThat(code(v, "{\"kind\": \"Warm\", \"count\": \"three\"}"))
          .isEqualTo("TypeConstraintViolation");
      assertThat(code(v, "{\"kind\": \"Hard\", \"at\": 5, \"note\": \"too long\"}"))
          .isEqualTo("TypeConstraintViolation");
    }
  }

  @Test
  void eachKeywordAloneHasItsCodeInEachVersionsSpelling() throws Exception {
    assertThat(code(OcppVersion.OCPP201, "{\"kind\": \"Hard\"}")).isEqualTo("valid");
    assertThat(code(OcppVersion.OCPP201, "{}")).isEqualTo("OccurrenceConstraintViolation");
    assertThat(code(OcppVersion.OCPP16, "{}")).isEqualTo("OccurenceConstraintViolation");
    assertThat(code(OcppVersion.OCPP201, "{\"kind\": \"Hard\", \"x\": 1}"))
        .isEqualTo("FormatViolation");
    assertThat(code(OcppVersion.OCPP16, "{\"kind\": \"Hard\", \"x\": 1}"))
        .isEqualTo("FormationViolation");
    assertThat(code(OcppVersion.OCPP201, "{\"kind\": \"Warm\"}"))
        .isEqualTo("PropertyConstraintViolation");
    assertThat(code(OcppVersion.OCPP16, "{\"kind\": \"Hard\", \"at\": \"yesterday\"}"))
        .isEqualTo("PropertyConstraintViolation");
    assertThat(code(OcppVersion.OCPP201, "{\"kind\": \"Hard\", \"note\": \"too long\"}"))
        .isEqualTo("TypeConstraintViolation");
  }

  @Test
  void severalBrokenKeywordsAnswerTheMostBasicWhateverTheirOrder() throws Exception {
    for (OcppVersion v : OcppVersion.values()) {
      String occurrence = OcppVersion.OCPP16 == v ? "Occurence" : "Occurrence";
      String format = OcppVersion.OCPP16 == v ? "FormationViolation" : "FormatViolation";
      // required before additionalProperties before enum and format
      assertThat(code(v, "{\"a\": 1, \"at\": \"yesterday\"}"))
          .isEqualTo(occurrence + "ConstraintViolation");
      assertThat(code(v, "{\"kind\": \"Warm\", \"a\": 1}")).isEqualTo(format);
      assertThat(code(v, "{\"kind\": \"Warm\", \"at\": \"yesterday\", \"zz\": 1}"))
          .isEqualTo(format);
      assertThat(code(v, "{\"count\": \"x\"}")).isEqualTo("TypeConstraintViolation");
    }
  }

  @Test
  void theDescriptionNamesTheProblemThatWasChosen() throws Exception {
    OcppException e =
        catchThrowableOfType(
            OcppException.class,
            () ->
                schemas.checkRequest(
                    OcppVersion.OCPP201, "Probe", JSON.readTree("{\"kind\": 12, \"at\": \"x\"}")));
    assertThat(e.getMessage()).contains("kind").contains("integer");
  }
}
