package dev.pncpki.bridge.logs;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code /log-uploads/{token}}: where a station uploads the log an admin asked for, when the bridge
 * is the upload target. OCPP leaves the HTTP method to the station: a PUT or POST of the file, or a
 * multipart/form-data POST whose first part is the file. The token, random and made for one
 * request, is the credential (the station has no admin token). It takes one file, once: the first
 * upload is kept, a later one is refused (409) and an empty one too (400); an unknown token, or one
 * whose request is over, is 404. The body is bounded by the server's request size limit.
 */
@Path("/log-uploads/{token}")
public final class LogUploadResource {
  private static final Pattern TOKEN = Pattern.compile("[0-9a-f]{32}");
  private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");
  private static final String NO_SUCH_UPLOAD = "no log request waits for a file under this URL";
  private final LogStore store;

  public LogUploadResource(LogStore store) {
    this.store = store;
  }

  @PUT
  @Consumes(MediaType.WILDCARD)
  public Response put(
      @PathParam("token") String token, @HeaderParam("Content-Type") String type, byte[] body) {
    return keep(token, type, body);
  }

  @POST
  @Consumes(MediaType.WILDCARD)
  public Response post(
      @PathParam("token") String token, @HeaderParam("Content-Type") String type, byte[] body) {
    return keep(token, type, body);
  }

  private Response keep(String token, String type, byte[] body) {
    if (!TOKEN.matcher(token).matches()) {
      throw new UploadRefusal(UploadRefusal.Reason.NO_SUCH_UPLOAD, NO_SUCH_UPLOAD);
    }
    String contentType = type == null ? MediaType.APPLICATION_OCTET_STREAM : type;
    byte[] file = body == null ? new byte[0] : body;
    if (contentType.startsWith(MediaType.MULTIPART_FORM_DATA)) {
      file = firstPart(contentType, file);
      contentType = MediaType.APPLICATION_OCTET_STREAM;
    }
    if (file.length == 0) {
      throw new UploadRefusal(UploadRefusal.Reason.EMPTY, "the upload holds no file");
    }
    return switch (store.uploaded(token, file, contentType)) {
      case KEPT -> Response.noContent().build();
      case NO_SUCH_UPLOAD ->
          throw new UploadRefusal(UploadRefusal.Reason.NO_SUCH_UPLOAD, NO_SUCH_UPLOAD);
      case ALREADY_UPLOADED ->
          throw new UploadRefusal(
              UploadRefusal.Reason.ALREADY_UPLOADED,
              "this request's log was uploaded already; an upload URL takes one file");
    };
  }

  /** The content of a multipart body's first part (RFC 7578), or the body as it is. */
  static byte[] firstPart(String contentType, byte[] body) {
    Matcher m = BOUNDARY.matcher(contentType);
    if (!m.find()) {
      return body;
    }
    byte[] delimiter = ("--" + m.group(1)).getBytes(StandardCharsets.US_ASCII);
    int start = indexOf(body, delimiter, 0);
    if (start < 0) {
      return body;
    }
    int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), start);
    if (headersEnd < 0) {
      return body;
    }
    int contentStart = headersEnd + 4;
    int next =
        indexOf(body, ("\r\n--" + m.group(1)).getBytes(StandardCharsets.US_ASCII), contentStart);
    return Arrays.copyOfRange(body, contentStart, next < 0 ? body.length : next);
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = from; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
