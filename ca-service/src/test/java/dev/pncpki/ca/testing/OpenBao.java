package dev.pncpki.ca.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * A running OpenBao dev server, as tests see it: its address, the root token (for setup only) and a
 * service token that carries only the pnc-ca ACL policy from the policies module.
 */
public final class OpenBao {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final String address;
  private final String rootToken;
  private final HttpClient http = HttpClient.newHttpClient();
  private String serviceToken;

  OpenBao(String address, String rootToken) {
    this.address = address;
    this.rootToken = rootToken;
  }

  public String address() {
    return address;
  }

  public String rootToken() {
    return rootToken;
  }

  public String serviceToken() {
    return serviceToken;
  }

  void prepare() throws IOException {
    root("POST", "sys/mounts/transit", Map.of("type", "transit")).requireOk();
    root("PUT", "sys/policies/acl/pnc-ca", Map.of("policy", policy())).requireOk();
    serviceToken = tokenWithPolicies(true, "pnc-ca");
  }

  /** A new token with exactly the given policies (and the default policy unless told not to). */
  public String tokenWithPolicies(boolean noDefault, String... policies) {
    Reply r =
        root(
            "POST",
            "auth/token/create",
            Map.of("policies", policies, "no_default_policy", noDefault, "ttl", "1h"));
    return r.requireOk().json().path("auth").path("client_token").asText();
  }

  /** A call with the root token. */
  public Reply root(String method, String path, Object body) {
    return call(rootToken, method, path, body);
  }

  public Reply call(String token, String method, String path, Object body) {
    try {
      var builder =
          HttpRequest.newBuilder(URI.create(address + "/v1/" + path))
              .header("X-Vault-Token", token);
      var publisher =
          body == null
              ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
      var response =
          http.send(
              builder.method(method, publisher).build(), HttpResponse.BodyHandlers.ofString());
      return new Reply(response.statusCode(), response.body());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String policy() throws IOException {
    try (InputStream in = OpenBao.class.getResourceAsStream("/vault/pnc-ca.hcl")) {
      if (in == null) {
        throw new IllegalStateException("vault/pnc-ca.hcl is not on the class path");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** An HTTP answer from OpenBao. */
  public record Reply(int status, String body) {
    public Reply requireOk() {
      if (status / 100 != 2) {
        throw new IllegalStateException("OpenBao answered " + status + ": " + body);
      }
      return this;
    }

    public JsonNode json() {
      try {
        return body.isEmpty() ? JSON.nullNode() : JSON.readTree(body);
      } catch (IOException e) {
        throw new IllegalStateException("not JSON: " + body, e);
      }
    }
  }
}
