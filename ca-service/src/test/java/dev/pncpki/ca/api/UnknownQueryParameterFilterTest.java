package dev.pncpki.ca.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The filter in Jersey, on a resource of its own: declared names pass, others are refused. */
@ExtendWith(DropwizardExtensionsSupport.class)
class UnknownQueryParameterFilterTest {

  @Path("/things")
  @Produces(MediaType.APPLICATION_JSON)
  public static final class Things {
    @GET
    public Map<String, String> search(
        @QueryParam("color") String color, @QueryParam("limit") Integer limit) {
      return Map.of("color", String.valueOf(color));
    }

    @GET
    @Path("/{id}")
    public Map<String, String> one(@PathParam("id") String id) {
      return Map.of("id", id);
    }
  }

  static final ResourceExtension RESOURCES =
      ResourceExtension.builder()
          .addResource(new Things())
          .addProvider(new UnknownQueryParameterFilter())
          .addProvider(new RefusedExceptionMapper())
          .build();

  private static Response get(String path, Map<String, String> query) {
    var target = RESOURCES.target(path);
    for (var e : query.entrySet()) {
      target = target.queryParam(e.getKey(), e.getValue());
    }
    return target.request().get();
  }

  @Test
  void declaredParametersAndNoneAtAllPass() {
    assertThat(get("/things", Map.of("color", "red", "limit", "3")).getStatus()).isEqualTo(200);
    assertThat(get("/things", Map.of()).getStatus()).isEqualTo(200);
    assertThat(get("/things/7", Map.of()).getStatus()).isEqualTo(200);
  }

  @Test
  void anUnknownParameterIsAMalformedRequestNamingItAndTheAcceptedOnes() {
    Response r = get("/things", Map.of("colour", "red", "limit", "3"));
    assertThat(r.getStatus()).isEqualTo(400);
    assertThat(r.getMediaType().toString()).isEqualTo("application/problem+json");
    Map<?, ?> problem = r.readEntity(Map.class);
    assertThat(problem.get("code")).isEqualTo("malformed-request");
    assertThat(problem.get("detail"))
        .isEqualTo("unknown query parameter colour; this call takes color, limit");
  }

  @Test
  void severalUnknownParametersAreAllNamedAndAMethodWithoutAnySaysSo() {
    Map<?, ?> problem = get("/things/7", Map.of("b", "1", "a", "2")).readEntity(Map.class);
    assertThat(problem.get("detail"))
        .isEqualTo("unknown query parameters a, b; this call takes none");
  }
}
