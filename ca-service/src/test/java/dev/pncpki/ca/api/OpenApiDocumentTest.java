package dev.pncpki.ca.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.pncpki.ca.problem.Problem;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The OpenAPI document stays true: every resource path and every problem code is in it. */
class OpenApiDocumentTest {

  private static JsonNode document() throws Exception {
    try (var in = OpenApiDocumentTest.class.getResourceAsStream("/openapi.yaml")) {
      return new ObjectMapper(new YAMLFactory()).readTree(in);
    }
  }

  @Test
  void documentsEveryResourcePath() throws Exception {
    JsonNode paths = document().path("paths");
    List<String> missing = new ArrayList<>();
    for (Class<?> resource :
        List.of(
            CertificateResource.class,
            RevocationResource.class,
            AuditResource.class,
            OpenApiResource.class,
            TrustAnchorResource.class,
            ProvisioningResource.class,
            ContractResource.class,
            dev.pncpki.ca.app.AuthorityResource.class)) {
      String base = resource.getAnnotation(Path.class).value();
      for (Method m : resource.getDeclaredMethods()) {
        Path sub = m.getAnnotation(Path.class);
        boolean endpoint =
            m.isAnnotationPresent(jakarta.ws.rs.GET.class)
                || m.isAnnotationPresent(jakarta.ws.rs.POST.class)
                || m.isAnnotationPresent(jakarta.ws.rs.PUT.class)
                || m.isAnnotationPresent(jakarta.ws.rs.DELETE.class);
        if (!endpoint) {
          continue;
        }
        String full =
            ("/" + base + "/" + (sub == null ? "" : sub.value()))
                .replaceAll("/+", "/")
                .replaceAll("(.)/$", "$1");
        full = full.replaceAll("\\{(\\w+): [^}]+}", "{$1}");
        if (paths.path(full).isMissingNode()) {
          missing.add(full);
        }
      }
    }
    assertThat(missing).as("paths missing from openapi.yaml").isEmpty();
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
    for (Problem p : Problem.values()) {
      assertThat(codes).contains(p.code());
    }
  }
}
