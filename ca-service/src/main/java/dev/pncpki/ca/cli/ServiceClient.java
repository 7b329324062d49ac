package dev.pncpki.ca.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.jackson.Jackson;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The CA service's REST API as the admin CLI calls it. Every failure becomes a {@link CliFailure}
 * worded for the one error line: the problem's code and detail, or why the service is unreachable.
 * The token goes into the Authorization header only, never into a message.
 */
final class ServiceClient {
  /** Reads the shared wire types; tolerates fields a newer service adds. */
  static final ObjectMapper JSON =
      Jackson.newObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private final String base;
  private final String token;
  private final HttpClient http;
  private final boolean clientCertificate;

  /** {@code base}: http(s) URL of the service, possibly with a path prefix. */
  ServiceClient(URI base, String token) {
    this.base = base.toString().replaceAll("/+$", "");
    this.token = token;
    this.clientCertificate = false;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  /** Over TLS with the given context, presenting a client certificate if it holds one. */
  ServiceClient(URI base, String token, javax.net.ssl.SSLContext tls, boolean clientCertificate) {
    this.base = base.toString().replaceAll("/+$", "");
    this.token = token;
    this.clientCertificate = clientCertificate;
    this.http =
        HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).sslContext(tls).build();
  }

  boolean hasClientCertificate() {
    return clientCertificate;
  }

  /** A successful answer's body, as sent (for --json) and parsed. */
  record Reply(String body) {
    JsonNode json() {
      return parse(body, JsonNode.class);
    }

    <T> T as(Class<T> type) {
      return parse(body, type);
    }
  }

  boolean hasToken() {
    return token != null && !token.isBlank();
  }

  Reply get(String path) {
    return send(request(path).GET());
  }

  Reply post(String path, Object body, Map<String, String> headers) {
    var builder = withJson(request(path), "POST", body);
    headers.forEach(builder::header);
    return send(builder);
  }

  Reply put(String path, Object body) {
    return send(withJson(request(path), "PUT", body));
  }

  /** A successful DELETE answers 204: the reply's body is empty. */
  Reply delete(String path) {
    return send(request(path).DELETE());
  }

  private static HttpRequest.Builder withJson(
      HttpRequest.Builder builder, String method, Object body) {
    byte[] json;
    try {
      json = JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new CliFailure("cannot write the request: " + e.getOriginalMessage(), e);
    }
    return builder
        .header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofByteArray(json));
  }

  /** {@code path} with the query parameters that are set, in order, values percent-encoded. */
  static String withQuery(String path, Map<String, ?> parameters) {
    StringBuilder b = new StringBuilder(path);
    parameters.forEach(
        (name, value) -> {
          if (value != null) {
            b.append(b.length() == path.length() ? '?' : '&')
                .append(name)
                .append('=')
                .append(encode(value.toString()));
          }
        });
    return b.toString();
  }

  /** One path segment or query value, percent-encoded. */
  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private HttpRequest.Builder request(String path) {
    var builder =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(60))
            .header("Accept", "application/json, application/problem+json");
    if (hasToken()) {
      builder.header("Authorization", "Bearer " + token.strip());
    }
    return builder;
  }

  private Reply send(HttpRequest.Builder builder) {
    HttpResponse<String> response;
    try {
      response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    } catch (HttpConnectTimeoutException e) {
      throw new CliFailure("cannot reach " + base + ": connect timed out", e);
    } catch (HttpTimeoutException e) {
      throw new CliFailure("no answer from " + base + " within the timeout", e);
    } catch (IOException e) {
      throw new CliFailure("cannot reach " + base + ": " + reason(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliFailure("interrupted while waiting for " + base, e);
    }
    if (response.statusCode() / 100 != 2) {
      throw ProblemLine.of(response.statusCode(), response.body());
    }
    return new Reply(response.body());
  }

  /** The JDK's HttpClient reports a refused connection as exceptions without a message. */
  static String reason(Throwable e) {
    boolean refused = false;
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
        return "unknown host";
      }
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        return t.getMessage();
      }
      refused |= t instanceof ConnectException;
    }
    return refused ? "Connection refused" : e.getClass().getSimpleName();
  }

  private static <T> T parse(String body, Class<T> type) {
    try {
      return JSON.readValue(body, type);
    } catch (JsonProcessingException e) {
      throw new CliFailure(
          "the service answered with unexpected JSON: " + e.getOriginalMessage(), e);
    }
  }
}
