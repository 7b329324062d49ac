package dev.pncpki.bridge.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The admin CLI's HTTP client for the bridge's admin API (bearer token, JSON both ways). */
final class AdminClient {
  static final ObjectMapper JSON = new ObjectMapper();
  private final URI base;
  private final String token;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** An answer: its HTTP status, body, and the body as JSON. */
  record Reply(int status, String body, JsonNode json) {}

  AdminClient(URI base, String token) {
    this.base = base;
    this.token = token;
  }

  Reply get(String path) {
    return send(HttpRequest.newBuilder(resolve(path)).GET());
  }

  Reply post(String path, JsonNode body) {
    return send(
        HttpRequest.newBuilder(resolve(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body == null ? "{}" : body.toString())));
  }

  Reply put(String path, JsonNode body) {
    return send(
        HttpRequest.newBuilder(resolve(path))
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(body == null ? "{}" : body.toString())));
  }

  /** One path segment or query value, percent-encoded. */
  static String encode(String value) {
    return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8)
        .replace("+", "%20");
  }

  /** A file, as bytes (a 4xx/5xx answer is a failure like any other). */
  byte[] download(String path) {
    HttpRequest request =
        HttpRequest.newBuilder(resolve(path))
            .timeout(Duration.ofSeconds(90))
            .header("Authorization", "Bearer " + token)
            .GET()
            .build();
    try {
      HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() >= 400) {
        throw new CliFailure(
            response.statusCode() < 500 ? Exit.REFUSED : Exit.ERROR,
            "the bridge refused (HTTP "
                + response.statusCode()
                + "): "
                + new String(response.body(), java.nio.charset.StandardCharsets.UTF_8));
      }
      return response.body();
    } catch (IOException e) {
      throw new CliFailure("cannot reach the bridge at " + base + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliFailure("interrupted");
    }
  }

  Reply delete(String path) {
    return send(HttpRequest.newBuilder(resolve(path)).DELETE());
  }

  private URI resolve(String path) {
    String root = base.toString().replaceAll("/+$", "");
    return URI.create(root + path);
  }

  private Reply send(HttpRequest.Builder request) {
    request.timeout(Duration.ofSeconds(90)).header("Accept", "application/json");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new CliFailure("cannot reach the bridge at " + base + ": " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliFailure("interrupted");
    }
    JsonNode json;
    try {
      json = JSON.readTree(response.body());
    } catch (JsonProcessingException e) {
      json = JSON.createObjectNode().put("detail", response.body());
    }
    if (response.statusCode() >= 400) {
      throw new CliFailure(
          response.statusCode() < 500 ? Exit.REFUSED : Exit.ERROR,
          "the bridge refused (HTTP "
              + response.statusCode()
              + (json.has("code") ? " " + json.path("code").asText() : "")
              + "): "
              + json.path("detail").asText(response.body()));
    }
    return new Reply(response.statusCode(), response.body(), json);
  }

  /** A failure the CLI reports as one line, and exits with its status ({@link Exit}). */
  public static final class CliFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final Exit exit;

    CliFailure(String message) {
      this(Exit.ERROR, message);
    }

    CliFailure(Exit exit, String message) {
      super(message);
      this.exit = exit;
    }

    public Exit exit() {
      return exit;
    }
  }
}
