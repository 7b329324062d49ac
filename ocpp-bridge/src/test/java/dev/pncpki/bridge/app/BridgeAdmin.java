package dev.pncpki.bridge.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.dropwizard.testing.DropwizardTestSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.Predicate;

/**
 * The bridge's admin API as the tests call it (bearer admin token, JSON), at the address {@code
 * where} gives at each call (a restarted bridge has another port).
 */
record BridgeAdmin(java.util.function.Supplier<String> where) {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** The admin API of a bridge whose first connector is plain HTTP. */
  BridgeAdmin(DropwizardTestSupport<?> bridge) {
    this(() -> "http://127.0.0.1:" + bridge.getLocalPort());
  }

  String base() {
    return where.get();
  }

  HttpResponse<String> send(String method, String path, String body) throws Exception {
    try {
      return sendOnce(method, path, body);
    } catch (java.io.IOException e) {
      // the bridge closed a kept-alive connection after refusing a request, and the JDK client
      // had already sent the next one on it: nothing reached the bridge, so send it again
      if (!String.valueOf(e.getMessage()).contains("received no bytes")) {
        throw e;
      }
      return sendOnce(method, path, body);
    }
  }

  private HttpResponse<String> sendOnce(String method, String path, String body) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(base() + path))
            .header("Authorization", "Bearer " + Peers.ADMIN_TOKEN)
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** GET, expecting 200. */
  JsonNode get(String path) throws Exception {
    var response = send("GET", path, null);
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
    return Peers.JSON.readTree(response.body());
  }

  /** POST, expecting {@code status}. */
  JsonNode post(String path, String body, int status) throws Exception {
    var response = send("POST", path, body);
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(status);
    return Peers.JSON.readTree(response.body());
  }

  /** PUT, expecting {@code status}. */
  JsonNode put(String path, String body, int status) throws Exception {
    var response = send("PUT", path, body);
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(status);
    return Peers.JSON.readTree(response.body());
  }

  /** DELETE, expecting {@code status}. */
  JsonNode delete(String path, int status) throws Exception {
    var response = send("DELETE", path, null);
    assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(status);
    return Peers.JSON.readTree(response.body());
  }

  /** Polls GET {@code path} every 100 ms until {@code done} holds; fails after {@code seconds}. */
  JsonNode await(String path, Predicate<JsonNode> done, int seconds) throws Exception {
    JsonNode last = null;
    for (int i = 0; i < seconds * 10; i++) {
      last = get(path);
      if (done.test(last)) {
        return last;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(path + " did not get there in " + seconds + " s: " + last);
  }

  String wsUrl() {
    return base().replace("http://", "ws://") + "/ocpp";
  }
}
