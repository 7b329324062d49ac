package dev.pncpki.bridge.ocpp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * OCPP {@code CertificateHashDataType} of a certificate (2.0.1 Part 2 2.6; 1.6 security extension):
 * the hash of the DER issuer name, the hash of the issuer's public key (the BIT STRING content of
 * its SubjectPublicKeyInfo, as in OCSP's CertID, RFC 6960 4.1.1), and the serial number in hex,
 * with SHA-256, SHA-384 or SHA-512. A station may report its certificates with any of the three,
 * and a CSMS deleting one must name it with the algorithm the station reported (2.0.1 M04.FR.07).
 */
public final class CertificateHashData {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The hash algorithms of CertificateHashDataType, by their OCPP names. */
  public enum Algorithm {
    SHA256("SHA-256"),
    SHA384("SHA-384"),
    SHA512("SHA-512");

    private final String jca;

    Algorithm(String jca) {
      this.jca = jca;
    }

    static Optional<Algorithm> of(String name) {
      for (Algorithm a : values()) {
        if (a.name().equals(name)) {
          return Optional.of(a);
        }
      }
      return Optional.empty();
    }

    String hash(byte[] bytes) {
      try {
        return HexFormat.of().formatHex(MessageDigest.getInstance(jca).digest(bytes));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private CertificateHashData() {}

  /** With SHA-256, for a certificate and its issuer (a root is its own issuer). */
  public static ObjectNode of(X509Certificate certificate, X509Certificate issuer) {
    return of(certificate, issuer, Algorithm.SHA256);
  }

  public static ObjectNode of(X509Certificate certificate, X509Certificate issuer, Algorithm a) {
    byte[] key =
        SubjectPublicKeyInfo.getInstance(issuer.getPublicKey().getEncoded())
            .getPublicKeyData()
            .getBytes();
    return JSON.createObjectNode()
        .put("hashAlgorithm", a.name())
        .put("issuerNameHash", a.hash(certificate.getIssuerX500Principal().getEncoded()))
        .put("issuerKeyHash", a.hash(key))
        .put("serialNumber", certificate.getSerialNumber().toString(16));
  }

  /**
   * The hash data by which the station itself reported the certificate in {@code answer} (its
   * GetInstalledCertificateIds response, either version), exactly as it wrote them; empty if it did
   * not report it.
   */
  public static Optional<ObjectNode> asReported(
      X509Certificate certificate, X509Certificate issuer, JsonNode answer) {
    for (JsonNode reported : reported(answer)) {
      if (names(reported, certificate, issuer)) {
        return Optional.of(reported.deepCopy());
      }
    }
    return Optional.empty();
  }

  /**
   * Whether {@code reported} (one CertificateHashDataType a station sent, under the hash algorithm
   * it chose) names {@code certificate} issued by {@code issuer}.
   */
  public static boolean names(
      JsonNode reported, X509Certificate certificate, X509Certificate issuer) {
    Optional<Algorithm> a = Algorithm.of(reported.path("hashAlgorithm").asText());
    return a.isPresent() && same(of(certificate, issuer, a.get()), reported);
  }

  /** Every CertificateHashDataType in the answer: 1.6's list, 2.0.1's chains and their children. */
  static List<JsonNode> reported(JsonNode answer) {
    List<JsonNode> all = new ArrayList<>();
    answer.path("certificateHashData").forEach(all::add);
    for (JsonNode chain : answer.path("certificateHashDataChain")) {
      all.add(chain.path("certificateHashData"));
      chain.path("childCertificateHashData").forEach(all::add);
    }
    return all;
  }

  private static boolean same(JsonNode ours, JsonNode theirs) {
    return ours.path("issuerNameHash")
            .asText()
            .equalsIgnoreCase(theirs.path("issuerNameHash").asText())
        && ours.path("issuerKeyHash")
            .asText()
            .equalsIgnoreCase(theirs.path("issuerKeyHash").asText())
        && serial(ours).equals(serial(theirs));
  }

  /** Serials compare as numbers: stations differ in case and leading zeros. */
  private static Optional<BigInteger> serial(JsonNode data) {
    try {
      return Optional.of(
          new BigInteger(data.path("serialNumber").asText().toLowerCase(Locale.ROOT), 16));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
