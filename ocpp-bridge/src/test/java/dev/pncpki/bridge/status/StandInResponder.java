package dev.pncpki.bridge.status;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.ocsp.CertID;
import org.bouncycastle.asn1.ocsp.ResponderID;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A stand-in for the CA's OCSP responder in the unit tests (an HTTP server on the loopback that
 * answers what the test sets), with a CA, its delegated responder and responses signed as the CA's
 * responder signs them. The real responder is in the integration tests.
 */
final class StandInResponder implements AutoCloseable {
  static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  static final String PREFIX = "http://ca.example/ocsp/";
  static final X500Name CA_NAME = new X500Name("CN=Test Sub-CA 2, O=Test CPO");
  static final KeyPair CA_KEYS = keys();
  static final KeyPair SIGNER_KEYS = keys();
  static final X509CertificateHolder CA = certificate(CA_NAME, CA_NAME, CA_KEYS, CA_KEYS);
  static final X509CertificateHolder SIGNER =
      certificate(new X500Name("CN=Test Sub-CA 2 OCSP, O=Test CPO"), CA_NAME, SIGNER_KEYS, CA_KEYS);

  /** What the responder answers next: an HTTP status and a body. */
  final AtomicInteger httpStatus = new AtomicInteger(200);

  final AtomicReference<byte[]> body = new AtomicReference<>(new byte[0]);

  /** Answers by the serial asked about, before {@link #body}. */
  final Map<BigInteger, byte[]> bySerial = new ConcurrentHashMap<>();

  final AtomicInteger asked = new AtomicInteger();
  private final HttpServer server;

  StandInResponder() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/ocsp/",
        exchange -> {
          byte[] request = exchange.getRequestBody().readAllBytes();
          asked.incrementAndGet();
          byte[] answer = body.get();
          try {
            BigInteger serial =
                new OCSPReq(request).getRequestList()[0].getCertID().getSerialNumber();
            answer = bySerial.getOrDefault(serial, answer);
          } catch (IOException | RuntimeException notOcsp) {
            // the default body
          }
          exchange.sendResponseHeaders(httpStatus.get(), answer.length == 0 ? -1 : answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    server.start();
  }

  /** This responder's own address, as another operator's certificate would name it. */
  String directUrl(String name) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/ocsp/" + name;
  }

  /** The bridge's client for this responder, which it knows as {@link #PREFIX}. */
  OcspClient client() {
    return new OcspClient(
        PREFIX, "http://127.0.0.1:" + server.getAddress().getPort(), HttpClient.newHttpClient());
  }

  @Override
  public void close() {
    server.stop(0);
  }

  /** The SHA-256 of {@link #CA}'s name, as OCPP hash data names certificates it issued. */
  static String issuerNameHash() {
    return sha256(encoded(CA_NAME));
  }

  /** The SHA-256 of {@link #CA}'s key (RFC 6960 4.1.1). */
  static String issuerKeyHash() {
    return sha256(CA.getSubjectPublicKeyInfo().getPublicKeyData().getBytes());
  }

  static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A response as the CA's responder makes it: SHA-256 CertID, a day to nextUpdate. */
  static byte[] response(
      BigInteger serial, CertificateStatus status, KeyPair signedWith, X509CertificateHolder cert)
      throws Exception {
    return response(CA, serial, status, signedWith, cert);
  }

  /** A response about the certificate {@code issuer} issued with {@code serial}. */
  static byte[] response(
      X509CertificateHolder issuer,
      BigInteger serial,
      CertificateStatus status,
      KeyPair signedWith,
      X509CertificateHolder cert)
      throws Exception {
    return response(
        issuer,
        serial,
        status,
        signedWith,
        cert,
        NOW.minusSeconds(30),
        NOW.plus(Duration.ofDays(1)));
  }

  /** The same with the given thisUpdate and nextUpdate (none: null). */
  static byte[] response(
      X509CertificateHolder issuer,
      BigInteger serial,
      CertificateStatus status,
      KeyPair signedWith,
      X509CertificateHolder cert,
      Instant thisUpdate,
      Instant nextUpdate)
      throws Exception {
    var id =
        new CertificateID(
            new CertID(
                new AlgorithmIdentifier(NISTObjectIdentifiers.id_sha256),
                new DEROctetString(HexFormat.of().parseHex(sha256(encoded(issuer.getSubject())))),
                new DEROctetString(
                    HexFormat.of()
                        .parseHex(
                            sha256(
                                issuer.getSubjectPublicKeyInfo().getPublicKeyData().getBytes()))),
                new ASN1Integer(serial)));
    // as the CA's responder names itself, by key (RFC 6960 4.2.2.3); the CA itself by name
    var builder =
        new BasicOCSPRespBuilder(
            cert.equals(issuer)
                ? new RespID(cert.getSubject())
                : new RespID(
                    new ResponderID(
                        new DEROctetString(
                            MessageDigest.getInstance("SHA-1")
                                .digest(
                                    cert.getSubjectPublicKeyInfo()
                                        .getPublicKeyData()
                                        .getBytes())))));
    builder.addResponse(
        id, status, Date.from(thisUpdate), nextUpdate == null ? null : Date.from(nextUpdate), null);
    var basic =
        builder.build(
            new JcaContentSignerBuilder("SHA256withECDSA").build(signedWith.getPrivate()),
            new X509CertificateHolder[] {cert},
            Date.from(NOW));
    return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, basic).getEncoded();
  }

  static KeyPair keys() {
    try {
      var generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(256);
      return generator.generateKeyPair();
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  static X509CertificateHolder certificate(
      X500Name subject, X500Name issuer, KeyPair subjectKeys, KeyPair issuerKeys) {
    return certificate(subject, issuer, subjectKeys, issuerKeys, true);
  }

  /** The CA itself when subject = issuer; else a responder, with id-kp-OCSPSigning if asked. */
  static X509CertificateHolder certificate(
      X500Name subject,
      X500Name issuer,
      KeyPair subjectKeys,
      KeyPair issuerKeys,
      boolean ocspSigning) {
    try {
      var builder =
          new X509v3CertificateBuilder(
              issuer,
              BigInteger.valueOf(subject.hashCode() & 0x7fffffff),
              Date.from(NOW.minus(Duration.ofDays(1))),
              Date.from(NOW.plus(Duration.ofDays(30))),
              subject,
              SubjectPublicKeyInfo.getInstance(subjectKeys.getPublic().getEncoded()));
      if (subject.equals(issuer)) {
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      } else if (ocspSigning) {
        builder.addExtension(
            Extension.extendedKeyUsage,
            false,
            new ExtendedKeyUsage(KeyPurposeId.id_kp_OCSPSigning));
      }
      return builder.build(
          new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate()));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] encoded(X500Name name) {
    try {
      return name.getEncoded();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
