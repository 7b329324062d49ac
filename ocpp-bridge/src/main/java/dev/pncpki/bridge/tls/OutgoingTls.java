package dev.pncpki.bridge.tls;

import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * TLS parameters for the bridge's own clients (the CA, OCSP responders, webhooks): the JDK's
 * defaults without static-RSA key exchange. {@link StaticRsaKeyExchange} lifts the JDK's ban for
 * the whole process, but only the stations' endpoint needs it (OCPP 2.0.1 A00.FR.318); when the
 * bridge is the client it keeps forward secrecy.
 */
public final class OutgoingTls {
  private OutgoingTls() {}

  /** An HTTP client with these parameters that gives up connecting after {@code connect}. */
  public static java.net.http.HttpClient client(java.time.Duration connect) {
    return java.net.http.HttpClient.newBuilder()
        .connectTimeout(connect)
        .sslParameters(parameters())
        .build();
  }

  public static SSLParameters parameters() {
    try {
      SSLParameters parameters = SSLContext.getDefault().getDefaultSSLParameters();
      parameters.setCipherSuites(
          Arrays.stream(parameters.getCipherSuites())
              .filter(suite -> !isStaticRsa(suite))
              .toArray(String[]::new));
      return parameters;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK offers no TLS: " + e.getMessage(), e);
    }
  }

  static boolean isStaticRsa(String suite) {
    return suite.startsWith("TLS_RSA_") || suite.startsWith("SSL_RSA_");
  }
}
