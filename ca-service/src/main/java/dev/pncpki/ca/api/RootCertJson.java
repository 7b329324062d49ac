package dev.pncpki.ca.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.pncpki.ca.roots.PooledRoot;
import dev.pncpki.policies.profile.Suite;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;

/**
 * A pooled root as Open Plug&Charge's root certificate pool writes it (RCP 1.0.0, {@code
 * RootCertV2}): the certificate as base64 DER and, for information, fields read from it. The
 * distinguished name is written as RFC 4514 does (CN first); the key identifier is the root's
 * subjectKeyIdentifier (the value its children carry as authorityKeyIdentifier), or where it has
 * none the SHA-1 of its public key (RFC 5280 4.2.1.2, method 1), in base64 and in hex; an OCPP root
 * (CSMS, manufacturer) has no ISO 15118 version or curve.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record RootCertJson(
    String rootCertificateId,
    String distinguishedName,
    String rootType,
    String caCertificate,
    String commonName,
    String rootAuthorityKeyIdentifier,
    String rootAuthorityKeyIdentifierHex,
    String rootIssuerSerialNumber,
    String validFrom,
    String validTo,
    String organizationName,
    String fingerprint,
    String fingerprintSha1,
    String xsdMsgDefNamespace,
    String signatureAlgorithm) {

  /** OPCP's names of the ISO 15118 versions in the pool (its RCP enum). */
  static final String ISO15118_2 = "urn:iso:15118:2:2013:MsgDef";

  static final String ISO15118_20 = "urn:iso:15118:20:2022:MsgDef";

  static RootCertJson of(PooledRoot root) {
    byte[] der = root.der();
    X500Name subject = root.certificate().getSubject();
    byte[] keyId = keyIdentifier(root);
    var suite = root.suite();
    return new RootCertJson(
        root.id().toString(),
        rfc4514(subject),
        root.type().wire(),
        Base64.getEncoder().encodeToString(der),
        value(subject, BCStyle.CN),
        Base64.getEncoder().encodeToString(keyId),
        HexFormat.of().formatHex(keyId),
        root.certificate().getSerialNumber().toString(16),
        root.notBefore().toString(),
        root.notAfter().toString(),
        value(subject, BCStyle.O),
        root.sha256(),
        HexFormat.of().formatHex(digest("SHA-1", der)),
        root.type().iso15118()
            ? suite.map(s -> s == Suite.ISO15118_2 ? ISO15118_2 : ISO15118_20).orElse(null)
            : null,
        root.type().iso15118()
            ? suite
                .map(
                    s ->
                        switch (s) {
                          case ISO15118_2 -> "secp256r1";
                          case ISO15118_20_P521 -> "secp521r1";
                          case ISO15118_20_ED448 -> "ed448";
                        })
                .orElse(null)
            : null);
  }

  /** GET /v1/root/rootCerts: {@code {"RootCertificateCollection": {"rootCertificates": [...]}}}. */
  record Collection(@JsonProperty("RootCertificateCollection") Roots collection) {
    static Collection of(List<PooledRoot> roots) {
      return new Collection(new Roots(roots.stream().map(RootCertJson::of).toList()));
    }
  }

  record Roots(List<RootCertJson> rootCertificates) {}

  /** GET /v1/root/rootCerts/{id}: {@code {"RootResponse": {...}}}. */
  record One(@JsonProperty("RootResponse") RootCertJson root) {}

  private static byte[] keyIdentifier(PooledRoot root) {
    SubjectKeyIdentifier ski;
    try {
      ski = SubjectKeyIdentifier.fromExtensions(root.certificate().getExtensions());
    } catch (IllegalArgumentException e) {
      ski = null;
    }
    return ski != null
        ? ski.getKeyIdentifier()
        : digest(
            "SHA-1", root.certificate().getSubjectPublicKeyInfo().getPublicKeyData().getBytes());
  }

  private static String rfc4514(X500Name name) {
    try {
      return new X500Principal(name.getEncoded()).getName(X500Principal.RFC2253);
    } catch (java.io.IOException | IllegalArgumentException e) {
      return name.toString();
    }
  }

  private static String value(X500Name name, ASN1ObjectIdentifier type) {
    RDN[] rdns = name.getRDNs(type);
    return rdns.length == 0 ? null : IETFUtils.valueToString(rdns[0].getFirst().getValue());
  }

  private static byte[] digest(String algorithm, byte[] data) {
    try {
      return MessageDigest.getInstance(algorithm).digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
