package dev.pncpki.ca.api;

import com.codahale.metrics.Meter;
import dev.pncpki.ca.revocation.OcspResponder;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The RFC 6960 responder at {@code /ocsp/{ca}} (POST) and {@code /ocsp/{ca}/{base64 request}} (GET,
 * appendix A.1). A plain servlet rather than a JAX-RS resource: it is the hottest path of the
 * service (every station refreshes its cached responses), answers from a pre-signed cache, and
 * needs none of the API's content negotiation, authentication or JSON error mapping. Every answer,
 * including refusals, is a DER OCSPResponse, as OCSP clients expect.
 */
public final class OcspServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  static final int MAX_REQUEST_BYTES = 16 * 1024;
  private static final String RESPONSE_TYPE = "application/ocsp-response";

  private final transient OcspResponder responder;
  private final transient Meter requests;

  public OcspServlet(OcspResponder responder, Meter requests) {
    this.responder = responder;
    this.requests = requests;
  }

  @Override
  protected void doPost(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String path = request.getPathInfo();
    if (path == null || path.length() < 2 || path.indexOf('/', 1) >= 0) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    if (!"application/ocsp-request".equalsIgnoreCase(baseType(request.getContentType()))) {
      response.sendError(
          HttpServletResponse.SC_UNSUPPORTED_MEDIA_TYPE, "send application/ocsp-request");
      return;
    }
    long announced = request.getContentLengthLong();
    if (announced > MAX_REQUEST_BYTES) {
      if (announced <= BodyLimitFilter.DRAIN_BYTES) {
        BodyLimitFilter.drain(request.getInputStream());
      }
      response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
      return;
    }
    byte[] body = readAtMost(request.getInputStream(), MAX_REQUEST_BYTES + 1);
    if (body.length > MAX_REQUEST_BYTES) {
      BodyLimitFilter.drain(request.getInputStream());
      response.sendError(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
      return;
    }
    answer(response, responder.respond(path.substring(1), body), "no-cache");
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    // The raw URI, not getPathInfo(): base64 contains '/', which clients send as %2F, and a
    // decoded path would split the request there.
    String raw = request.getRequestURI().substring(request.getContextPath().length());
    String prefix = request.getServletPath() + "/";
    int slash = raw.startsWith(prefix) ? raw.indexOf('/', prefix.length()) : -1;
    if (slash < 0) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    byte[] der;
    try {
      // percent-decoding only: in a path, '+' is a base64 character, not a space
      String base64 =
          URLDecoder.decode(
              raw.substring(slash + 1).replace("+", "%2B"), StandardCharsets.US_ASCII);
      der = Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      der = new byte[0]; // the responder answers malformedRequest
    }
    answer(response, responder.respond(raw.substring(prefix.length(), slash), der), "max-age=300");
  }

  private void answer(HttpServletResponse response, byte[] der, String cacheControl)
      throws IOException {
    requests.mark();
    response.setContentType(RESPONSE_TYPE);
    response.setContentLength(der.length);
    response.setHeader("Cache-Control", cacheControl);
    response.getOutputStream().write(der);
  }

  private static String baseType(String contentType) {
    if (contentType == null) {
      return "";
    }
    int semicolon = contentType.indexOf(';');
    return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
  }

  private static byte[] readAtMost(InputStream in, int limit) throws IOException {
    return in.readNBytes(limit);
  }
}
