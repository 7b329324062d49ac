package dev.pncpki.policies.id;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InvalidIdentifierExceptionTest {

  @Test
  void namesKindInputAndProblem() {
    InvalidIdentifierException e = new InvalidIdentifierException("PCID", "ab", "too short");

    assertThat(e).hasMessage("PCID \"ab\": too short").isInstanceOf(IllegalArgumentException.class);
    assertThat(e.kind()).isEqualTo("PCID");
    assertThat(e.problem()).isEqualTo("too short");
  }

  @Test
  void escapesQuotesAndControlCharactersSoLogLinesCannotBeForged() {
    InvalidIdentifierException e =
        new InvalidIdentifierException("eMAID", "a\"b\\c\r\nINFO fake", "bad");

    assertThat(e).hasMessage("eMAID \"a\\\"b\\\\c\\u000d\\u000aINFO fake\": bad");
  }

  @Test
  void cutsLongInputShort() {
    InvalidIdentifierException e = new InvalidIdentifierException("PCID", "A".repeat(5000), "long");

    assertThat(e).hasMessage("PCID \"" + "A".repeat(80) + "...(5000 chars)\": long");
  }
}
