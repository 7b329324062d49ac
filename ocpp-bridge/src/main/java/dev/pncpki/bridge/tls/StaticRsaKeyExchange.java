package dev.pncpki.bridge.tls;

import java.security.GeneralSecurityException;
import java.security.Security;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;

/**
 * Lifts the JDK's ban on the two static-RSA suites OCPP requires. JDK 24 and later list {@code
 * TLS_RSA_*} in {@code jdk.tls.disabledAlgorithms}: static RSA key exchange has no forward secrecy
 * (whoever gets the server's RSA key later reads every recorded session) and its PKCS#1 v1.5
 * decryption is the root of the Bleichenbacher family of attacks. The bridge offers {@link
 * CsmsTls#STATIC_RSA} anyway, last in its order, only because OCPP 2.0.1 Part 2 A00.FR.318 (and the
 * OCPP 1.6 security whitepaper) make them mandatory for a CSMS, and only when the operator puts an
 * RSA server certificate in the key store. Every other static-RSA suite (CBC) stays disabled.
 *
 * <p>The JDK reads the property once, when TLS is first set up in the process, so this must run
 * before any TLS use: {@link #allow} says whether it came in time.
 */
public final class StaticRsaKeyExchange {
  static final String PROPERTY = "jdk.tls.disabledAlgorithms";

  /** Replaces the JDK's blanket entry: the CBC static-RSA suites (NULL and RC4 have their own). */
  static final String STILL_DISABLED = "TLS_RSA_*CBC*";

  private StaticRsaKeyExchange() {}

  /**
   * The property's value with {@code TLS_RSA_*} replaced by {@link #STILL_DISABLED}; an explicit
   * entry for one of the two required suites is dropped too. Other entries stay as they are.
   */
  static String lifted(String disabled) {
    return Arrays.stream(disabled.split(","))
        .map(String::strip)
        .filter(entry -> !entry.isEmpty() && !CsmsTls.STATIC_RSA.contains(entry))
        .map(entry -> entry.equals("TLS_RSA_*") ? STILL_DISABLED : entry)
        .collect(Collectors.joining(", "));
  }

  /**
   * Lifts the ban for this JVM. True when the JDK now negotiates exactly the two required
   * static-RSA suites and no other; false when TLS was set up in this process before (the property
   * is read once) or the JDK disables them some other way.
   */
  public static boolean allow() {
    String disabled = Security.getProperty(PROPERTY);
    if (disabled != null) {
      Security.setProperty(PROPERTY, lifted(disabled));
    }
    return staticRsaSuites().equals(Set.copyOf(CsmsTls.STATIC_RSA));
  }

  /** The static-RSA suites the JDK would negotiate in this process. */
  static Set<String> staticRsaSuites() {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, null, null);
      List<String> suites = List.of(context.getSupportedSSLParameters().getCipherSuites());
      return suites.stream()
          .filter(s -> s.startsWith("TLS_RSA_") || s.startsWith("SSL_RSA_"))
          .collect(Collectors.toSet());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK offers no TLS: " + e.getMessage(), e);
    }
  }
}
