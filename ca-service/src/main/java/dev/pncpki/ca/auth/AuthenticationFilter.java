package dev.pncpki.ca.auth;

import dev.pncpki.ca.refusal.Refusal;
import dev.pncpki.ca.refusal.RefusedException;
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
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.security.auth.x500.X500Principal;

/**
 * Who is calling: a client certificate verified by the TLS connector (production, mutual TLS), or a
 * bearer API token (the embedded default). Public paths: the CA list and chains, CRLs and OCSP,
 * which relying parties fetch unauthenticated (RFC 5280 4.2.1.13, RFC 6960 A.1). Tokens are
 * compared by hash; the token itself is never logged.
 */
@Priority(Priorities.AUTHENTICATION)
public final class AuthenticationFilter implements ContainerRequestFilter {
  private static final String CERTIFICATES = "jakarta.servlet.request.X509Certificate";
  private final Map<String, ApiToken> byHash;
  private final Map<String, ClientCertificate> bySubject;

  public AuthenticationFilter(List<ApiToken> tokens, List<ClientCertificate> certificates) {
    this.byHash =
        tokens.stream().collect(Collectors.toMap(t -> t.sha256().toLowerCase(Locale.ROOT), t -> t));
    this.bySubject =
        certificates.stream()
            .collect(Collectors.toMap(c -> new X500Principal(c.subject()).getName(), c -> c));
  }

  @Override
  public void filter(ContainerRequestContext request) {
    String path = request.getUriInfo().getPath();
    if (isPublic(request.getMethod(), path)) {
      return;
    }
    boolean secure = request.getSecurityContext().isSecure();
    Caller caller;
    try {
      // a client certificate can only come with a TLS connection
      caller =
          (secure ? fromClientCertificate(request) : Optional.<Caller>empty())
              .orElseGet(() -> fromToken(request));
    } catch (RefusedException refused) {
      drain(request); // read the (size-limited) body, so the connection stays usable
      throw refused;
    }
    request.setSecurityContext(
        new SecurityContext() {
          @Override
          public Principal getUserPrincipal() {
            return caller;
          }

          @Override
          public boolean isUserInRole(String role) {
            return caller.has(Role.parse(role));
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

  /** Mutual TLS: the connector has verified the chain; map the subject to its roles. */
  /**
   * Jersey's request properties are the servlet request's attributes, where Jetty puts the chain.
   */
  private Optional<Caller> fromClientCertificate(ContainerRequestContext request) {
    Object chain = request.getProperty(CERTIFICATES);
    if (!(chain instanceof X509Certificate[] certificates) || certificates.length == 0) {
      return Optional.empty();
    }
    String subject = certificates[0].getSubjectX500Principal().getName();
    ClientCertificate known = bySubject.get(subject);
    if (known == null) {
      throw new RefusedException(
          Refusal.UNAUTHENTICATED, "client certificate " + subject + " has no roles here");
    }
    return Optional.of(
        new Caller(subject, known.parsedRoles(), Optional.ofNullable(known.organization())));
  }

  private Caller fromToken(ContainerRequestContext request) {
    String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new RefusedException(
          Refusal.UNAUTHENTICATED,
          "present a client certificate or send \"Authorization: Bearer <token>\"");
    }
    ApiToken token = byHash.get(sha256(header.substring(7).trim()));
    if (token == null) {
      throw new RefusedException(Refusal.UNAUTHENTICATED, "the API token is unknown or revoked");
    }
    return new Caller(token.name(), token.parsedRoles(), Optional.ofNullable(token.organization()));
  }

  private static void drain(ContainerRequestContext request) {
    try {
      request.getEntityStream().transferTo(java.io.OutputStream.nullOutputStream());
    } catch (java.io.IOException | RuntimeException ignored) {
      // the refusal stands either way; at worst the connection closes
    }
  }

  static boolean isPublic(String method, String path) {
    String p = path.startsWith("/") ? path.substring(1) : path;
    return p.startsWith("ocsp/")
        || p.startsWith("crl/")
        || ("GET".equals(method) && (p.equals("v1/cas") || isChain(p)))
        || p.equals("openapi.yaml");
  }

  /** {@code v1/cas/{id}/chain}, public; what else is under a CA (its affected list) is not. */
  private static boolean isChain(String path) {
    String[] parts = path.split("/", -1);
    return parts.length == 4 && parts[1].equals("cas") && parts[3].equals("chain");
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
