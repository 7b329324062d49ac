package dev.pncpki.bridge.admin;

import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.PathSegment;
import jakarta.ws.rs.core.SecurityContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The admin API's bearer tokens: every request under {@code /v1/} must present one (compared in
 * constant time against its SHA-256), before anything else looks at it, unknown paths included. The
 * token's name becomes the request's principal, the actor of the audit trail.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public final class AdminAuthentication implements ContainerRequestFilter {
  /** A token the bridge accepts: its name (the actor) and the SHA-256 of its value, in hex. */
  public record Token(String name, String sha256) {
    public Token {
      if (name == null || name.isBlank() || sha256 == null || !sha256.matches("[0-9a-fA-F]{64}")) {
        throw new IllegalArgumentException(
            "an admin token has a name and a SHA-256 of 64 hex digits");
      }
    }
  }

  private final List<Token> tokens;

  public AdminAuthentication(List<Token> tokens) {
    this.tokens = List.copyOf(tokens);
  }

  @Override
  public void filter(ContainerRequestContext request) {
    List<PathSegment> segments = request.getUriInfo().getPathSegments(true);
    if (segments.stream().anyMatch(p -> !p.getMatrixParameters().isEmpty())) {
      throw Problem.MALFORMED_REQUEST.because("matrix parameters (;) are not part of this API");
    }
    if (isPublic(segments)) {
      return;
    }
    String name =
        actor(request.getHeaderString("Authorization"))
            .orElseThrow(() -> Problem.UNAUTHENTICATED.because("an admin token is required"));
    boolean secure = request.getSecurityContext().isSecure();
    request.setSecurityContext(
        new SecurityContext() {
          @Override
          public Principal getUserPrincipal() {
            return () -> name;
          }

          @Override
          public boolean isUserInRole(String role) {
            return "admin".equals(role);
          }

          @Override
          public boolean isSecure() {
            return secure;
          }

          @Override
          public String getAuthenticationScheme() {
            return "Bearer";
          }
        });
  }

  /** The OpenAPI document and the log-upload URLs; everything else needs a token. */
  static boolean isPublic(List<PathSegment> segments) {
    List<String> path =
        segments.stream().map(PathSegment::getPath).filter(p -> !p.isEmpty()).toList();
    return path.equals(List.of("openapi.yaml"))
        || (path.size() == 2 && path.get(0).equals("log-uploads"));
  }

  /** The name of the token in the header, if it is one of ours. */
  Optional<String> actor(String authorization) {
    if (authorization == null || !authorization.startsWith("Bearer ")) {
      return Optional.empty();
    }
    byte[] presented = sha256(authorization.substring(7).strip());
    String found = null;
    for (Token t : tokens) { // every token compared, whichever matches
      if (MessageDigest.isEqual(presented, HexFormat.of().parseHex(t.sha256()))) {
        found = t.name();
      }
    }
    return Optional.ofNullable(found);
  }

  private static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
