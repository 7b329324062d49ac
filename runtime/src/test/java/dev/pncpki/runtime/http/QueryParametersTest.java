package dev.pncpki.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MultivaluedHashMap;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryParametersTest {
  @SuppressWarnings("unused")
  void call(
      @QueryParam("limit") int limit,
      @QueryParam("state") String state,
      @QueryParam("type") List<String> types,
      @QueryParam("dryRun") boolean dryRun) {}

  private static Method call() throws Exception {
    return QueryParametersTest.class.getDeclaredMethod(
        "call", int.class, String.class, List.class, boolean.class);
  }

  private static MultivaluedHashMap<String, String> query(Map<String, List<String>> values) {
    var m = new MultivaluedHashMap<String, String>();
    values.forEach(m::put);
    return m;
  }

  @Test
  void declaredParametersPassAndRepeatOnlyWhenACollectionTakesThem() throws Exception {
    assertThat(QueryParameters.problem(call(), query(Map.of("limit", List.of("5"))))).isEmpty();
    assertThat(QueryParameters.problem(call(), query(Map.of("type", List.of("A", "B"))))).isEmpty();
    assertThat(QueryParameters.problem(call(), query(Map.of("state", List.of("a", "b")))))
        .contains("state is given 2 times; it takes one value");
  }

  @Test
  void unknownEmptyAndControlCharactersAreRefusedWithWhatIsTaken() throws Exception {
    assertThat(QueryParameters.problem(call(), query(Map.of("stat", List.of("x")))))
        .contains("unknown query parameter stat; this call takes dryRun, limit, state, type");
    assertThat(QueryParameters.problem(call(), query(Map.of("limit", List.of("")))))
        .contains("limit is empty");
    assertThat(QueryParameters.problem(call(), query(Map.of("state", List.of("a\u0000b")))))
        .contains("state holds control characters");
    assertThat(QueryParameters.problem(call(), query(Map.of("state", List.of("a\u0085")))))
        .contains("state holds control characters");
    assertThat(QueryParameters.printable("Wallbox X – ünïcode")).isTrue();
  }

  @Test
  void aBooleanIsTrueOrFalseAndNothingElse() throws Exception {
    assertThat(QueryParameters.problem(call(), query(Map.of("dryRun", List.of("true"))))).isEmpty();
    assertThat(QueryParameters.problem(call(), query(Map.of("dryRun", List.of("false")))))
        .isEmpty();
    assertThat(QueryParameters.problem(call(), query(Map.of("dryRun", List.of("maybe")))))
        .contains("dryRun is true or false, not maybe");
    assertThat(QueryParameters.problem(call(), query(Map.of("dryRun", List.of("TRUE")))))
        .contains("dryRun is true or false, not TRUE");
  }
}
