package dev.pncpki.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real Jetty with a servlet context, both with the handler: what the parser refuses, a servlet's
 * sendError and an exception that escapes a servlet are all problem details.
 */
class ProblemErrorHandlerTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Server server;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler();
    context.addServlet(new ServletHolder(new Refusing()), "/refuse/*");
    context.addServlet(new ServletHolder(new Failing()), "/fail");
    context.setErrorHandler(new ProblemErrorHandler());
    server.setHandler(context);
    server.setErrorHandler(new ProblemErrorHandler());
    server.start();
    port = connector.getLocalPort();
  }

  @AfterAll
  static void stop() throws Exception {
    server.stop();
  }

  /** sendError(413) as the CA's OCSP servlet does for a body over its limit. */
  private static final class Refusing extends HttpServlet {
    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      response.sendError(
          Integer.parseInt(request.getPathInfo().substring(1)), "send application/ocsp-request");
    }
  }

  private static final class Failing extends HttpServlet {
    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) {
      throw new IllegalStateException("secret detail of java.lang.Internal");
    }
  }

  private record Answer(int status, String head, JsonNode body) {}

  private static Answer send(String request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      var out = new ByteArrayOutputStream();
      socket.getInputStream().transferTo(out);
      String text = out.toString(StandardCharsets.UTF_8);
      int split = text.indexOf("\r\n\r\n");
      String head = text.substring(0, split);
      int status = Integer.parseInt(head.substring(9, 12));
      return new Answer(status, head, JSON.readTree(text.substring(split + 4)));
    }
  }

  private static void isProblem(Answer a, int status, String code) {
    assertThat(a.status()).as(a.head()).isEqualTo(status);
    assertThat(a.head()).containsIgnoringCase("Content-Type: application/problem+json");
    assertThat(a.body().path("status").asInt()).isEqualTo(status);
    assertThat(a.body().path("code").asText()).isEqualTo(code);
    assertThat(a.body().path("type").asText()).isEqualTo("urn:pnc-pki:problem:" + code);
    assertThat(a.body().path("title").asText()).isNotBlank();
    assertThat(a.body().path("detail").asText()).isNotBlank();
  }

  @Test
  void aUriTheParserCannotReadIsAMalformedRequest() throws Exception {
    var a = send("GET /% HTTP/1.1\r\nHost: x\r\nAccept: text/html\r\nConnection: close\r\n\r\n");
    isProblem(a, 400, "malformed-request");
    assertThat(a.head()).doesNotContainIgnoringCase("text/html");
  }

  @Test
  void headerFieldsOverTheLimitAndAnOverlongUriAreMalformedRequests() throws Exception {
    var header =
        send(
            "GET /refuse/404 HTTP/1.1\r\nHost: x\r\nX-Big: "
                + "a".repeat(20_000)
                + "\r\nConnection: close\r\n\r\n");
    isProblem(header, 431, "malformed-request");
    assertThat(header.body().path("detail").asText()).contains("header fields are too large");
    var uri = send("GET /" + "a".repeat(20_000) + " HTTP/1.1\r\nHost: x\r\n\r\n");
    isProblem(uri, 414, "malformed-request");
  }

  @Test
  void aServletsSendErrorIsAProblemWithItsReasonForEveryMethod() throws Exception {
    var tooLarge = send("POST /refuse/413 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    isProblem(tooLarge, 413, "payload-too-large");
    var put = send("PUT /refuse/415 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    isProblem(put, 415, "unsupported-media-type");
    assertThat(put.body().path("detail").asText()).endsWith("(send application/ocsp-request)");
    isProblem(
        send("DELETE /refuse/405 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
        405,
        "method-not-allowed");
    isProblem(
        send("GET /nowhere HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"), 404, "not-found");
  }

  @Test
  void anEscapedExceptionIsAnInternalErrorThatNamesNothingOfIt() throws Exception {
    var a = send("GET /fail HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    isProblem(a, 500, "internal-error");
    assertThat(a.body().toString()).doesNotContain("secret", "java.", "Exception");
  }

  @Test
  void mapsEachStatusToTheServicesCodes() {
    assertThat(ProblemErrorHandler.kind(406).code()).isEqualTo("not-acceptable");
    assertThat(ProblemErrorHandler.kind(503).code()).isEqualTo("internal-error");
    assertThat(ProblemErrorHandler.kind(408).code()).isEqualTo("malformed-request");
    assertThat(ProblemErrorHandler.body(400, "java.lang.NullPointerException: x").get("detail"))
        .isEqualTo("the request is not valid HTTP or its URI cannot be read");
    assertThat(ProblemErrorHandler.body(500, "Illegal character").get("detail"))
        .isEqualTo("the server could not answer this request; the error is logged");
    assertThat(ProblemErrorHandler.body(400, "Illegal character SPACE=' '").get("detail"))
        .isEqualTo(
            "the request is not valid HTTP or its URI cannot be read (Illegal character SPACE='"
                + " ')");
  }
}
