package dev.pncpki.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jackson.Jackson;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Dropwizard's mapper as both services configure it: each coercion Jackson makes by default is
 * refused, and the detail of the refusal names the field and its JSON type, never a Java type.
 */
class StrictJsonTest {
  static final ObjectMapper MAPPER = StrictJson.configure(Jackson.newObjectMapper());

  record Body(String name, Integer days, int count, Boolean dryRun, List<String> tags) {}

  record Outer(Body inner, List<Body> more) {}

  private static Body read(String json) throws Exception {
    return MAPPER.readValue(json, Body.class);
  }

  /** The detail the API answers for a body the mapper refuses. */
  private static String refusal(String json, Class<?> type) {
    try {
      MAPPER.readValue(json, type);
    } catch (JsonProcessingException e) {
      String detail = JsonDetails.of(e);
      assertThat(detail).doesNotContain("java.", "`", "dev.pncpki", "Body");
      return detail;
    }
    throw new AssertionError("accepted " + json);
  }

  @Test
  void readsWhatIsTheRightJsonType() throws Exception {
    assertThat(read("{\"name\":\"a\",\"days\":5,\"count\":1,\"dryRun\":true,\"tags\":[\"x\"]}"))
        .isEqualTo(new Body("a", 5, 1, true, List.of("x")));
    assertThat(read("{\"count\":0,\"name\":null}")).isEqualTo(new Body(null, null, 0, null, null));
  }

  @Test
  void refusesScalarsOfAnotherJsonType() {
    assertThat(refusal("{\"name\":5,\"count\":1}", Body.class))
        .isEqualTo("name must be a JSON string");
    assertThat(refusal("{\"name\":1.5,\"count\":1}", Body.class))
        .isEqualTo("name must be a JSON string");
    assertThat(refusal("{\"name\":true,\"count\":1}", Body.class))
        .isEqualTo("name must be a JSON string");
    assertThat(refusal("{\"name\":[\"a\"],\"count\":1}", Body.class))
        .isEqualTo("name must be a JSON string");
    assertThat(refusal("{\"days\":\"5\",\"count\":1}", Body.class))
        .isEqualTo("days must be a whole JSON number");
    assertThat(refusal("{\"days\":\"\",\"count\":1}", Body.class))
        .isEqualTo("days must be a whole JSON number");
    assertThat(refusal("{\"days\":1.5,\"count\":1}", Body.class))
        .isEqualTo("days must be a whole JSON number");
    assertThat(refusal("{\"count\":\"1\"}", Body.class))
        .isEqualTo("count must be a whole JSON number");
    assertThat(refusal("{\"count\":1,\"dryRun\":\"true\"}", Body.class))
        .isEqualTo("dryRun must be true or false");
    assertThat(refusal("{\"count\":1,\"dryRun\":1}", Body.class))
        .isEqualTo("dryRun must be true or false");
  }

  @Test
  void refusesNullForAPrimitiveAndANumberOutOfRange() {
    assertThat(refusal("{\"count\":null}", Body.class))
        .isEqualTo("count must be a whole JSON number");
    assertThat(refusal("{\"count\":99999999999}", Body.class))
        .isEqualTo("count is a number out of range");
  }

  @Test
  void refusesDuplicateAndUnknownFieldsAndTrailingValues() {
    assertThat(refusal("{\"name\":\"a\",\"name\":\"b\",\"count\":1}", Body.class))
        .isEqualTo("the body cannot be read as JSON: Duplicate field 'name'");
    assertThat(refusal("{\"nmae\":\"a\",\"count\":1}", Body.class))
        .isEqualTo("unknown field nmae; known: count, days, dryRun, name, tags");
    assertThat(refusal("{\"count\":1} {}", Body.class))
        .isEqualTo("the body holds more than one JSON value");
  }

  @Test
  void namesANestedFieldByItsPathAndTheBodyWhenItIsNotAnObject() {
    assertThat(refusal("{\"more\":[{\"count\":1},{\"count\":\"2\"}]}", Outer.class))
        .isEqualTo("more[1].count must be a whole JSON number");
    assertThat(refusal("{\"inner\":{\"count\":1,\"tags\":\"a\"}}", Outer.class))
        .isEqualTo("inner.tags must be a JSON array");
    assertThat(refusal("[]", Body.class)).isEqualTo("the body must be a JSON object");
    assertThat(refusal("\"\"", Body.class)).isEqualTo("the body must be a JSON object");
    assertThat(refusal("{\"count\":", Body.class))
        .startsWith("the body cannot be read as JSON: Unexpected end-of-input");
  }
}
