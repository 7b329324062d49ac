package dev.pncpki.ca.auth;

import dev.pncpki.ca.problem.Problem;
import dev.pncpki.ca.problem.ProblemException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.SecurityContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Bearer-token authentication for the embedded default (production uses mutual TLS in front).
 * Public paths: the CA list and chains, CRLs and OCSP, which relying parties fetch unauthenticated.
 * Tokens are compared by hash; the token itself is never logged.
 */
@Priority(Priorities.AUTHENTICATION)
public final class ApiTokenFilter implements ContainerRequestFilter {
  private final Map<String, ApiToken> byHash;

  public ApiTokenFilter(List<ApiToken> tokens) {
    this.byHash =
        tokens.stream().collect(Collectors.toMap(t -> t.sha256().toLowerCase(Locale.ROOT), t -> t));
  }

  @Override
  public void filter(ContainerRequestContext request) {
    String path = request.getUriInfo().getPath();
    if (isPublic(request.getMethod(), path)) {
      return;
    }
    String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new ProblemException(
          Problem.UNAUTHENTICATED, "send an API token as \"Authorization: Bearer <token>\"");
    }
    ApiToken token = byHash.get(sha256(header.substring(7).trim()));
    if (token == null) {
      throw new ProblemException(Problem.UNAUTHENTICATED, "the API token is unknown or revoked");
    }
    var caller = new Caller(token.name(), new HashSet<>(token.roles()));
    boolean secure = request.getSecurityContext().isSecure();
    request.setSecurityContext(
        new SecurityContext() {
          @Override
          public Principal getUserPrincipal() {
            return caller;
          }

          @Override
          public boolean isUserInRole(String role) {
            return caller.roles().contains(role);
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

  static boolean isPublic(String method, String path) {
    String p = path.startsWith("/") ? path.substring(1) : path;
    return p.startsWith("ocsp/")
        || p.startsWith("crl/")
        || ("GET".equals(method) && (p.equals("v1/cas") || p.startsWith("v1/cas/")))
        || p.equals("openapi.yaml");
  }

  public static String sha256(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
