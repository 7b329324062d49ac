package dev.pncpki.bridge.tls;

import java.util.List;

/**
 * What the stations' TLS endpoint offers. OCPP 2.0.1 Part 2 A00.FR.318 (and the OCPP 1.6 security
 * whitepaper, section on TLS) requires a CSMS to support TLS 1.2 or above with at least the four
 * {@link #REQUIRED_BY_OCPP} suites. The endpoint offers those, TLS 1.3's AEAD suites, and the
 * ECDHE_RSA GCM suites (forward secrecy for stations that trust an RSA server certificate only);
 * every suite is AEAD, nothing with CBC, SHA-1 MACs, 3DES, RC4 or NULL, and no TLS 1.1 or older.
 */
public final class CsmsTls {
  /** Newest first; TLS 1.0 and 1.1 are never offered (A00.FR.318: "TLS v1.2 or above"). */
  public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

  /** The suites A00.FR.318 names, in the order of the standard. */
  public static final List<String> REQUIRED_BY_OCPP =
      List.of(
          "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
          "TLS_RSA_WITH_AES_128_GCM_SHA256",
          "TLS_RSA_WITH_AES_256_GCM_SHA384");

  /** The static-RSA key exchanges among them: no forward secrecy, offered only because required. */
  public static final List<String> STATIC_RSA =
      List.of("TLS_RSA_WITH_AES_128_GCM_SHA256", "TLS_RSA_WITH_AES_256_GCM_SHA384");

  /**
   * Every suite the endpoint offers, in the server's order of preference (Jetty applies it): TLS
   * 1.3 first, then ECDHE with ECDSA, ECDHE with RSA, and static RSA last, so a station that can do
   * better never lands on static RSA.
   */
  public static final List<String> CIPHER_SUITES =
      List.of(
          "TLS_AES_256_GCM_SHA384",
          "TLS_AES_128_GCM_SHA256",
          "TLS_CHACHA20_POLY1305_SHA256",
          "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
          "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
          "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
          "TLS_RSA_WITH_AES_256_GCM_SHA384",
          "TLS_RSA_WITH_AES_128_GCM_SHA256");

  private CsmsTls() {}
}
