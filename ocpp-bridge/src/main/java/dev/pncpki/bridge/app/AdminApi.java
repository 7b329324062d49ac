package dev.pncpki.bridge.app;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What the bridge's admin resources share: the admin token check (constant-time, against its
 * SHA-256) and errors as {@code application/problem+json} with a stable {@code code}.
 */
final class AdminApi {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final byte[] tokenSha256;

  AdminApi(String tokenSha256Hex) {
    this.tokenSha256 = HexFormat.of().parseHex(tokenSha256Hex);
  }

  void authenticate(String authorization) {
    byte[] presented =
        authorization != null && authorization.startsWith("Bearer ")
            ? sha256(authorization.substring(7).strip())
            : new byte[0];
    if (!MessageDigest.isEqual(presented, tokenSha256)) {
      throw problem(401, "unauthorized", "an admin token is required");
    }
  }

  static WebApplicationException problem(int status, String code, String detail) {
    return new WebApplicationException(
        Response.status(status)
            .type("application/problem+json")
            .entity(
                JSON.createObjectNode()
                    .put("type", "urn:pnc-pki:bridge:" + code)
                    .put("title", code)
                    .put("code", code)
                    .put("status", status)
                    .put("detail", detail))
            .build());
  }

  static String required(String value, String name) {
    if (value == null || value.isBlank()) {
      throw problem(400, "malformed-request", name + " is required");
    }
    return value;
  }

  private static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
