package dev.pncpki.bridge.certificates;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/**
 * OCPP {@code CertificateHashDataType} of a certificate (2.0.1 Part 2 2.6; 1.6 security extension):
 * SHA-256 of the DER issuer name, SHA-256 of the issuer's public key (the BIT STRING content of its
 * SubjectPublicKeyInfo, as in OCSP's CertID), and the serial number in hex.
 */
public final class CertificateHashData {
  private CertificateHashData() {}

  /** For a certificate and its issuer (a root is its own issuer). */
  public static ObjectNode of(X509Certificate certificate, X509Certificate issuer) {
    byte[] key =
        SubjectPublicKeyInfo.getInstance(issuer.getPublicKey().getEncoded())
            .getPublicKeyData()
            .getBytes();
    return new ObjectMapper()
        .createObjectNode()
        .put("hashAlgorithm", "SHA256")
        .put("issuerNameHash", sha256(certificate.getIssuerX500Principal().getEncoded()))
        .put("issuerKeyHash", sha256(key))
        .put("serialNumber", certificate.getSerialNumber().toString(16));
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
