package dev.pncpki.bridge.status;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.CertID;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;

/**
 * An OCPP 2.0.1 OCSPRequestDataType (GetCertificateStatus) or CertificateHashDataType (an Authorize
 * {@code iso15118CertificateHashData} entry) as the RFC 6960 request it stands for. The OCPP
 * schemas only bound the fields' lengths, so the values are checked as a CertID's (section 4.1.1):
 * a station cannot make the bridge send a request that names no certificate.
 */
final class OcspRequestData {
  private static final Pattern HEX = Pattern.compile("[0-9A-Fa-f]*");
  // RFC 5280 section 4.1.2.2: a serial is at most 20 octets
  private static final Pattern SERIAL = Pattern.compile("[0-9A-Fa-f]{1,40}");

  private record Algorithm(ASN1ObjectIdentifier oid, int hexDigits) {}

  private OcspRequestData() {}

  /** The CertID {@code data} names; one that names no certificate is IllegalArgumentException. */
  static CertID certId(JsonNode data) {
    Algorithm a = algorithm(data.path("hashAlgorithm").asText());
    HexFormat hex = HexFormat.of();
    List<byte[]> hashes = new java.util.ArrayList<>();
    for (String field : List.of("issuerNameHash", "issuerKeyHash")) {
      String hash = data.path(field).asText();
      if (hash.length() != a.hexDigits() || !HEX.matcher(hash).matches()) {
        throw new IllegalArgumentException(
            field + " is " + a.hexDigits() + " hex digits for " + data.path("hashAlgorithm"));
      }
      hashes.add(hex.parseHex(hash));
    }
    String serial = data.path("serialNumber").asText();
    if (!SERIAL.matcher(serial).matches()) {
      throw new IllegalArgumentException("serialNumber is 1 to 40 hex digits");
    }
    return new CertID(
        new AlgorithmIdentifier(a.oid()),
        new DEROctetString(hashes.get(0)),
        new DEROctetString(hashes.get(1)),
        new ASN1Integer(new BigInteger(serial, 16)));
  }

  /** {@code id} as text, to key what is kept about the certificate it names. */
  static String key(CertID id) {
    try {
      return HexFormat.of().formatHex(id.getEncoded());
    } catch (IOException e) {
      return "";
    }
  }

  /** An RFC 6960 request (no nonce, unsigned) for the certificate {@code id} names. */
  static byte[] request(CertID id) {
    try {
      return new OCSPReqBuilder().addRequest(new CertificateID(id)).build().getEncoded();
    } catch (IOException | OCSPException e) {
      throw new IllegalArgumentException("cannot build the OCSP request: " + e.getMessage());
    }
  }

  private static Algorithm algorithm(String name) {
    return switch (name) {
      case "SHA256" -> new Algorithm(NISTObjectIdentifiers.id_sha256, 64);
      case "SHA384" -> new Algorithm(NISTObjectIdentifiers.id_sha384, 96);
      case "SHA512" -> new Algorithm(NISTObjectIdentifiers.id_sha512, 128);
      default -> throw new IllegalArgumentException("hashAlgorithm is SHA256, SHA384 or SHA512");
    };
  }
}
