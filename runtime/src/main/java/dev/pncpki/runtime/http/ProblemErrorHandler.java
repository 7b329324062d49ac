package dev.pncpki.runtime.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.core.setup.Environment;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * Jetty's error page as an RFC 9457 problem detail, for the errors that never reach Jersey: a
 * request Jetty's parser refuses (a bad URI such as {@code /%}, header fields over the limit, a URI
 * too long), a servlet's {@code sendError}, an exception no servlet handled. Jetty's own page is
 * HTML or plain text whatever the API's clients expect, and names its version and the request URI;
 * this answers {@code application/problem+json} with the same members and codes as the services'
 * own problems, for every method and whatever the request's Accept header says (RFC 9110 section
 * 15.5 lets an error be sent in a representation the client did not ask for).
 *
 * <p>The detail is fixed per status, with Jetty's reason for a 4xx appended when it is plain text
 * (it names the offending character or limit); a 5xx never carries the cause, which Jetty logs.
 */
public class ProblemErrorHandler extends ErrorHandler {
  public static final String MEDIA_TYPE = "application/problem+json";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The problem code and title of a status, and the detail Jetty's errors of it get. */
  record Kind(String code, String title, String detail) {}

  /**
   * Installs the handler where Jetty looks for one: on the application and admin contexts (a
   * servlet's or filter's {@code sendError}) and on the server (what the parser refuses before any
   * context is chosen). Dropwizard sets the server's handler when it builds the server, after
   * {@code run()}; this replaces it as the server starts.
   */
  public static void install(Environment environment) {
    environment.getApplicationContext().setErrorHandler(new ProblemErrorHandler());
    environment.getAdminContext().setErrorHandler(new ProblemErrorHandler());
    environment
        .lifecycle()
        .addEventListener(
            new LifeCycle.Listener() {
              @Override
              public void lifeCycleStarting(LifeCycle event) {
                if (event instanceof Server server) {
                  server.setErrorHandler(new ProblemErrorHandler());
                }
              }
            });
  }

  /** The codes are those of the services' Problem enums, so clients branch on one vocabulary. */
  static Kind kind(int status) {
    return switch (status) {
      case 400 ->
          new Kind(
              "malformed-request",
              "The request is not well-formed",
              "the request is not valid HTTP or its URI cannot be read");
      case 404 -> new Kind("not-found", "Not found", "no such resource");
      case 405 ->
          new Kind(
              "method-not-allowed",
              "The method is not allowed on this resource",
              "this resource does not take this method");
      case 406 ->
          new Kind(
              "not-acceptable", "No acceptable representation", "this resource answers JSON only");
      case 413 ->
          new Kind(
              "payload-too-large",
              "The request body is too large",
              "the request body is too large");
      case 414 ->
          new Kind(
              "malformed-request", "The request is not well-formed", "the request URI is too long");
      case 415 ->
          new Kind(
              "unsupported-media-type",
              "The request body is not of a media type this resource takes",
              "the request body is not of a type this resource takes");
      case 431 ->
          new Kind(
              "malformed-request",
              "The request is not well-formed",
              "the request's header fields are too large");
      default ->
          status >= 500
              ? new Kind(
                  "internal-error",
                  "The server could not answer the request",
                  "the server could not answer this request; the error is logged")
              : new Kind(
                  "malformed-request",
                  "The request is not well-formed",
                  "the request cannot be answered: " + HttpStatus.getMessage(status));
    };
  }

  /** The problem detail document for a status and Jetty's reason (may be null). */
  static Map<String, Object> body(int status, String reason) {
    Kind kind = kind(status);
    String detail = kind.detail();
    if (status < 500 && plain(reason) && !reason.equals(HttpStatus.getMessage(status))) {
      detail = detail + " (" + reason + ")";
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "urn:pnc-pki:problem:" + kind.code());
    body.put("title", kind.title());
    body.put("status", status);
    body.put("code", kind.code());
    body.put("detail", detail);
    return body;
  }

  /**
   * Jetty's reasons are short fixed sentences ("Illegal character SPACE=' '", "Ambiguous URI empty
   * segment"); anything longer or with control characters, or that looks like an exception's text,
   * stays out of the answer.
   */
  private static boolean plain(String reason) {
    return reason != null
        && !reason.isBlank()
        && reason.length() <= 120
        && QueryParameters.printable(reason)
        && !reason.contains("Exception")
        && !reason.contains("Error");
  }

  /** Every method gets the body, not only GET, POST and HEAD as in Jetty's default. */
  @Override
  public boolean errorPageForMethod(String method) {
    return true;
  }

  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback) {
    byte[] json;
    try {
      json = JSON.writeValueAsBytes(body(code, message));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, MEDIA_TYPE);
    response.write(true, ByteBuffer.wrap(json), callback);
  }
}
