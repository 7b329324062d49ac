package dev.pncpki.ca.api;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pncpki.runtime.http.StrictJson;
import io.dropwizard.jackson.Jackson;
import org.junit.jupiter.api.Test;

/** A request record that refuses a field keeps its own problem through the strict mapper. */
class IssueBodyJsonTest {
  private static final ObjectMapper MAPPER = StrictJson.configure(Jackson.newObjectMapper());

  @Test
  void aRecordThatRefusesAFieldKeepsItsOwnProblem() {
    assertThatThrownBy(
            () ->
                MAPPER.readValue(
                    "{\"profile\":\"a\\u0000\",\"csr\":\"x\"}",
                    CertificateResource.IssueBody.class))
        .isInstanceOf(JsonProcessingException.class)
        .rootCause()
        .hasMessage("profile holds a control character (U+0000)");
  }
}
