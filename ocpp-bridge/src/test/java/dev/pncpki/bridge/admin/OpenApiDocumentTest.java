package dev.pncpki.bridge.admin;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.File;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The admin API's OpenAPI document ({@code bridge-openapi.yaml}, served at {@code /openapi.yaml})
 * stays true to the Jersey resources: the same operations, each with exactly the query parameters
 * its method takes (the bridge refuses any other, {@link UnknownParameters}), a request body where
 * the method reads one, and every problem code. The resources are every class of the bridge with
 * {@code @Path} in its compiled classes, so an endpoint added without its documentation fails here.
 */
class OpenApiDocumentTest {
  private static final Set<String> VERBS =
      Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");

  private static JsonNode document;
  private static Map<String, Endpoint> endpoints;

  /** A resource method with its OpenAPI path and lower-case HTTP method. */
  private record Endpoint(String path, String verb, Method method) {
    String key() {
      return verb + " " + path;
    }
  }

  @BeforeAll
  static void load() throws Exception {
    try (var in = OpenApiDocumentTest.class.getResourceAsStream("/bridge-openapi.yaml")) {
      assertThat(in).as("bridge-openapi.yaml on the class path").isNotNull();
      document = new ObjectMapper(new YAMLFactory()).readTree(in);
    }
    endpoints = endpoints(resources());
  }

  /**
   * Every class of the bridge (its compiled classes, not its tests) that Jersey would take as a
   * root resource: annotated with {@code @Path}.
   */
  private static List<Class<?>> resources() throws Exception {
    java.nio.file.Path classes =
        java.nio.file.Path.of(
            OpenApiResource.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    assertThat(classes)
        .as("the bridge's classes (a unit test runs on target/classes)")
        .isDirectory();
    List<Class<?>> found = new ArrayList<>();
    try (Stream<java.nio.file.Path> files = Files.walk(classes)) {
      for (java.nio.file.Path file : files.toList()) {
        String name = classes.relativize(file).toString().replace(File.separatorChar, '.');
        if (name.startsWith("dev.pncpki.bridge.") && name.endsWith(".class")) {
          Class<?> c =
              Class.forName(
                  name.substring(0, name.length() - ".class".length()),
                  false,
                  OpenApiDocumentTest.class.getClassLoader());
          if (c.isAnnotationPresent(Path.class)) {
            found.add(c);
          }
        }
      }
    }
    return found;
  }

  private static Map<String, Endpoint> endpoints(List<Class<?>> resources) {
    Map<String, Endpoint> all = new TreeMap<>();
    for (Class<?> resource : resources) {
      String base = resource.getAnnotation(Path.class).value();
      for (Method m : resource.getDeclaredMethods()) {
        Path sub = m.getAnnotation(Path.class);
        String verb = verb(m);
        if (verb == null) {
          // a sub-resource locator would hide its endpoints from this test
          assertThat(sub).as("%s.%s: @Path without an HTTP method", resource, m.getName()).isNull();
          continue;
        }
        Endpoint e = new Endpoint(path(base, sub == null ? "" : sub.value()), verb, m);
        assertThat(all.put(e.key(), e)).as("declared twice: " + e.key()).isNull();
      }
    }
    return all;
  }

  /** The method's HTTP method (any annotation meta-annotated with {@code @HttpMethod}). */
  private static String verb(Method m) {
    for (Annotation a : m.getAnnotations()) {
      HttpMethod http = a.annotationType().getAnnotation(HttpMethod.class);
      if (http != null) {
        return http.value().toLowerCase(Locale.ROOT);
      }
    }
    return null;
  }

  /**
   * {@code base/sub} as OpenAPI writes it: one slash between parts, {@code {name: regex}} as {@code
   * {name}}.
   */
  static String path(String base, String sub) {
    String joined = ("/" + base + "/" + sub).replaceAll("/+", "/");
    if (joined.length() > 1 && joined.endsWith("/")) {
      joined = joined.substring(0, joined.length() - 1);
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < joined.length(); i++) {
      char c = joined.charAt(i);
      if (c != '{') {
        out.append(c);
        continue;
      }
      int depth = 0;
      int end = i;
      for (; end < joined.length(); end++) { // the matching brace: a regex may hold {m,n}
        if (joined.charAt(end) == '{') {
          depth++;
        } else if (joined.charAt(end) == '}' && --depth == 0) {
          break;
        }
      }
      String template = joined.substring(i + 1, end);
      int colon = template.indexOf(':');
      out.append('{').append((colon < 0 ? template : template.substring(0, colon)).strip());
      out.append('}');
      i = end;
    }
    return out.toString();
  }

  private static Set<String> documentedOperations() {
    Set<String> documented = new TreeSet<>();
    document
        .path("paths")
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .fieldNames()
                    .forEachRemaining(
                        verb -> {
                          if (VERBS.contains(verb)) {
                            documented.add(verb + " " + path.getKey());
                          }
                        }));
    return documented;
  }

  private static JsonNode operation(Endpoint e) {
    return document.path("paths").path(e.path()).path(e.verb());
  }

  /** The node a {@code $ref} points to, or the node itself. */
  private static JsonNode resolved(JsonNode node) {
    JsonNode n = node;
    while (n.has("$ref")) {
      n = document.at(JsonPointer.compile(n.get("$ref").asText().substring(1)));
    }
    return n;
  }

  /** The names of the operation's parameters (its own and its path's) that are {@code in}. */
  private static Set<String> parameters(Endpoint e, String in) {
    Set<String> names = new TreeSet<>();
    List<JsonNode> all = new ArrayList<>();
    document.path("paths").path(e.path()).path("parameters").forEach(all::add);
    operation(e).path("parameters").forEach(all::add);
    for (JsonNode p : all) {
      JsonNode parameter = resolved(p);
      if (in.equals(parameter.path("in").asText())) {
        names.add(parameter.path("name").asText());
      }
    }
    return names;
  }

  @Test
  void isAnOpenApi303DocumentWithTheBearerScheme() {
    assertThat(document.path("openapi").asText()).isEqualTo("3.0.3");
    assertThat(document.at("/components/securitySchemes/bearer/scheme").asText())
        .isEqualTo("bearer");
    assertThat(document.at("/security/0").has("bearer")).isTrue();
  }

  /** The point of this test: an endpoint nobody documented, or documented and gone, fails it. */
  @Test
  void documentsExactlyTheOperationsOfTheResources() {
    assertThat(endpoints.keySet())
        .as("the resources' operations (found by reflection) and openapi paths")
        .contains("get /v1/stations", "get /openapi.yaml")
        .containsExactlyInAnyOrderElementsOf(documentedOperations());
  }

  /** Unknown query parameters are refused, so the document lists exactly the accepted ones. */
  @Test
  void documentsExactlyTheQueryParametersEachOperationTakes() {
    for (Endpoint e : endpoints.values()) {
      assertThat(parameters(e, "query"))
          .as(e.key())
          .containsExactlyInAnyOrderElementsOf(UnknownParameters.taken(e.method()));
    }
  }

  @Test
  void documentsEveryPathParameterOfThePath() {
    Pattern template = Pattern.compile("\\{(\\w+)}");
    for (Endpoint e : endpoints.values()) {
      Set<String> inPath = new TreeSet<>();
      Matcher m = template.matcher(e.path());
      while (m.find()) {
        inPath.add(m.group(1));
      }
      assertThat(parameters(e, "path")).as(e.key()).isEqualTo(inPath);
    }
  }

  /**
   * A method that reads a body documents one; a record body lists the record's fields, the only
   * ones the bridge accepts (it refuses unknown fields).
   */
  @Test
  void documentsTheRequestBodyEachOperationReads() {
    for (Endpoint e : endpoints.values()) {
      Parameter entity =
          Arrays.stream(e.method().getParameters())
              .filter(p -> p.getAnnotations().length == 0)
              .findFirst()
              .orElse(null);
      JsonNode body = operation(e).path("requestBody");
      assertThat(body.isMissingNode()).as(e.key() + " requestBody").isEqualTo(entity == null);
      if (entity == null || !entity.getType().isRecord()) {
        continue;
      }
      JsonNode schema = resolved(body.at("/content/application~1json/schema"));
      Set<String> fields = new TreeSet<>();
      schema.path("properties").fieldNames().forEachRemaining(fields::add);
      Set<String> components = new TreeSet<>();
      Arrays.stream(entity.getType().getRecordComponents())
          .forEach(c -> components.add(c.getName()));
      assertThat(fields).as(e.key() + " body fields").isEqualTo(components);
      assertThat(schema.path("additionalProperties").asBoolean(true))
          .as(e.key() + " additionalProperties")
          .isFalse();
    }
  }

  /** Every call under /v1 needs a token, says so, and documents its refusal. */
  @Test
  void documentsTheTokenAndItsRefusalUnderV1() {
    for (Endpoint e : endpoints.values()) {
      JsonNode op = operation(e);
      boolean open = op.has("security") && op.get("security").isEmpty();
      assertThat(open).as(e.key() + " needs no token").isEqualTo(!e.path().startsWith("/v1"));
      if (!open) {
        assertThat(op.path("responses").has("401")).as(e.key() + " documents 401").isTrue();
      }
      assertThat(op.path("responses").has("400")).as(e.key() + " documents 400").isTrue();
    }
  }

  @Test
  void listsExactlyTheProblemCodes() {
    Set<String> documented = new TreeSet<>();
    document
        .at("/components/schemas/Problem/properties/code/enum")
        .forEach(n -> documented.add(n.asText()));
    Set<String> codes = new TreeSet<>();
    Arrays.stream(Problem.values()).forEach(p -> codes.add(p.code()));
    assertThat(documented).isEqualTo(codes);
  }

  @Test
  void everyReferenceResolves() {
    List<String> broken = new ArrayList<>();
    references(document, broken);
    assertThat(broken).as("$refs to nothing").isEmpty();
  }

  private static void references(JsonNode node, List<String> broken) {
    if (node.has("$ref")) {
      String ref = node.get("$ref").asText();
      if (!ref.startsWith("#/")
          || document.at(JsonPointer.compile(ref.substring(1))).isMissingNode()) {
        broken.add(ref);
      }
    }
    node.elements().forEachRemaining(child -> references(child, broken));
  }
}
