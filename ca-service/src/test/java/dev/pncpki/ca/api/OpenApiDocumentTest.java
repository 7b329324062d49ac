package dev.pncpki.ca.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.pncpki.ca.refusal.Refusal;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document stays true: every resource operation with its query parameters, and every
 * problem code, is in it.
 */
class OpenApiDocumentTest {

  private static JsonNode document() throws Exception {
    try (var in = OpenApiDocumentTest.class.getResourceAsStream("/openapi.yaml")) {
      return new ObjectMapper(new YAMLFactory()).readTree(in);
    }
  }

  private static final List<Class<?>> RESOURCES =
      List.of(
          CertificateResource.class,
          RevocationResource.class,
          AuditResource.class,
          OpenApiResource.class,
          TrustAnchorResource.class,
          ProvisioningResource.class,
          ContractResource.class,
          InstallationResource.class,
          dev.pncpki.ca.app.AuthorityResource.class);

  /** A resource method with its OpenAPI path and lower-case HTTP method. */
  private record Endpoint(String path, String verb, Method method) {}

  private static List<Endpoint> endpoints() {
    List<Endpoint> all = new ArrayList<>();
    for (Class<?> resource : RESOURCES) {
      String base = resource.getAnnotation(Path.class).value();
      for (Method m : resource.getDeclaredMethods()) {
        Path sub = m.getAnnotation(Path.class);
        String verb = verb(m);
        if (verb == null) {
          continue;
        }
        String full =
            ("/" + base + "/" + (sub == null ? "" : sub.value()))
                .replaceAll("/+", "/")
                .replaceAll("(.)/$", "$1");
        all.add(new Endpoint(full.replaceAll("\\{(\\w+): [^}]+}", "{$1}"), verb, m));
      }
    }
    return all;
  }

  private static String verb(Method m) {
    for (var verb : List.of(GET.class, POST.class, PUT.class, DELETE.class)) {
      if (m.isAnnotationPresent(verb)) {
        return verb.getSimpleName().toLowerCase(Locale.ROOT);
      }
    }
    return null;
  }

  @Test
  void documentsEveryResourcePath() throws Exception {
    JsonNode paths = document().path("paths");
    List<String> missing = new ArrayList<>();
    for (Endpoint e : endpoints()) {
      if (paths.path(e.path()).path(e.verb()).isMissingNode()) {
        missing.add(e.verb() + " " + e.path());
      }
    }
    assertThat(missing).as("operations missing from openapi.yaml").isEmpty();
  }

  /** Unknown query parameters are refused, so the document must list exactly the accepted ones. */
  @Test
  void documentsExactlyTheQueryParametersEachEndpointTakes() throws Exception {
    JsonNode paths = document().path("paths");
    for (Endpoint e : endpoints()) {
      List<String> documented = new ArrayList<>();
      paths
          .path(e.path())
          .path(e.verb())
          .path("parameters")
          .forEach(
              p -> {
                if ("query".equals(p.path("in").asText())) {
                  documented.add(p.path("name").asText());
                }
              });
      assertThat(documented)
          .as(e.verb() + " " + e.path())
          .containsExactlyInAnyOrderElementsOf(UnknownQueryParameterFilter.names(e.method()));
    }
  }

  @Test
  void listsEveryProblemCode() throws Exception {
    List<String> codes = new ArrayList<>();
    document()
        .path("components")
        .path("schemas")
        .path("Problem")
        .path("properties")
        .path("code")
        .path("enum")
        .forEach(n -> codes.add(n.asText()));
    for (Refusal p : Refusal.values()) {
      assertThat(codes).contains(p.code());
    }
  }
}
