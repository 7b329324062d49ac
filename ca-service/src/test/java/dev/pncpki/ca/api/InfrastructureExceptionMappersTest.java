package dev.pncpki.ca.api;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.pncpki.runtime.http.StrictJson;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import io.dropwizard.testing.junit5.ResourceExtension;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.client.Entity;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/**
 * The mappers in Jersey beside Dropwizard's defaults, on resources of their own: every refusal and
 * every failure is a problem detail, and Dropwizard's own mappers win for nothing.
 */
@ExtendWith(DropwizardExtensionsSupport.class)
class InfrastructureExceptionMappersTest {

  @Path("/things")
  @Produces(MediaType.APPLICATION_JSON)
  public static final class Things {
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, String> add(CertificateResource.IssueBody body) {
      return Map.of("profile", body.profile());
    }

    @GET
    @Path("/broken")
    public Map<String, String> broken() {
      throw new IllegalArgumentException("secret value 4711 of java.util.Internal");
    }

    @GET
    @Path("/confused")
    public Map<String, String> confused() {
      throw new IllegalStateException("secret state of dev.pncpki.Internal");
    }
  }

  static final ResourceExtension RESOURCES =
      ResourceExtension.builder()
          .setMapper(StrictJson.configure(Jackson.newObjectMapper()))
          .addResource(new Things())
          .addProvider(new RefusedExceptionMapper())
          .addProvider(new InfrastructureExceptionMappers.Json())
          .addProvider(new InfrastructureExceptionMappers.Web())
          .addProvider(new InfrastructureExceptionMappers.Unexpected())
          .addProvider(new InfrastructureExceptionMappers.UnexpectedState())
          .build();

  private final ListAppender<ILoggingEvent> log = new ListAppender<>();

  @BeforeEach
  void listen() {
    log.start();
    ((Logger) LoggerFactory.getLogger(InfrastructureExceptionMappers.class)).addAppender(log);
  }

  @AfterEach
  void stopListening() {
    ((Logger) LoggerFactory.getLogger(InfrastructureExceptionMappers.class)).detachAppender(log);
  }

  private static Map<?, ?> problem(Response r, int status, String code) {
    assertThat(r.getStatus()).isEqualTo(status);
    assertThat(r.getMediaType().toString()).isEqualTo("application/problem+json");
    Map<?, ?> body = r.readEntity(Map.class);
    assertThat(body.get("code")).isEqualTo(code);
    assertThat(body.get("status")).isEqualTo(status);
    assertThat(body.get("type")).isEqualTo("urn:pnc-pki:problem:" + code);
    return body;
  }

  @Test
  void anUnmappedExceptionIsAnInternalErrorThatNamesNothingOfItAndIsLoggedOnce() {
    for (String path : new String[] {"/things/broken", "/things/confused"}) {
      log.list.clear();
      var body = problem(RESOURCES.target(path).request().get(), 500, "internal-error");
      String detail = (String) body.get("detail");
      assertThat(detail).doesNotContain("secret", "java.", "dev.pncpki", "Exception");
      assertThat(log.list).hasSize(1);
      ILoggingEvent logged = log.list.get(0);
      assertThat(logged.getThrowableProxy()).isNotNull();
      // the id in the answer finds the log entry
      assertThat(detail).endsWith(logged.getArgumentArray()[0].toString());
    }
  }

  @Test
  void aMethodTheResourceDoesNotTakeIs405WithAllow() {
    Response r = RESOURCES.target("/things").request().delete();
    assertThat(r.getHeaderString("Allow")).contains("POST");
    var body = problem(r, 405, "method-not-allowed");
    assertThat((String) body.get("detail")).startsWith("this resource takes ").contains("POST");
  }

  @Test
  void anAcceptTheResourceCannotAnswerIs406() {
    problem(
        RESOURCES.target("/things/broken").request(MediaType.TEXT_HTML).get(),
        406,
        "not-acceptable");
  }

  @Test
  void aBodyOfTheWrongTypesOrWithAControlCharacterIsAMalformedRequestNamingTheField() {
    var coerced =
        RESOURCES
            .target("/things")
            .request()
            .post(Entity.json("{\"profile\":5,\"csr\":\"x\",\"validityDays\":\"30\"}"));
    assertThat(problem(coerced, 400, "malformed-request").get("detail"))
        .isEqualTo("profile must be a JSON string");
    var nul =
        RESOURCES
            .target("/things")
            .request()
            .post(Entity.json("{\"profile\":\"secc-leaf\",\"identity\":\"CS\\u0000\"}"));
    assertThat(problem(nul, 400, "malformed-request").get("detail"))
        .isEqualTo("identity holds a control character (U+0000)");
  }
}
