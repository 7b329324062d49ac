package dev.pncpki.bridge.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * Keys and certificates for the TLS tests, all issued by the real CA: the bridge's server
 * certificate (csms-server, CN = localhost), stations' client certificates (charging-station-
 * client, CN = station id), key stores for Jetty, PEM files for the Python station.
 */
final class TlsMaterial {
  static final String PASSWORD = "changeit";
  private final int caPort;
  private final Path dir;
  private final HttpClient http = HttpClient.newHttpClient();

  TlsMaterial(int caPort, Path dir) {
    this.caPort = caPort;
    this.dir = dir;
  }

  /** The V2G root as PEM (trust anchor of both sides) and as a PKCS#12 trust store. */
  Path trustStore() throws Exception {
    String pem = get("/v1/cas/v2g-root/chain");
    Files.writeString(dir.resolve("v2g-root.pem"), pem);
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("v2g-root", x509(parse(pem).get(0)));
    Path file = dir.resolve("trust.p12");
    try (var out = Files.newOutputStream(file)) {
      store.store(out, PASSWORD.toCharArray());
    }
    return file;
  }

  Path rootPem() {
    return dir.resolve("v2g-root.pem");
  }

  /** The bridge's server key store: a csms-server certificate for localhost and its chain. */
  Path serverKeyStore() throws Exception {
    KeyPair key = keyPair();
    List<X509CertificateHolder> chain = issue("csms-server", "CN=localhost, O=Demo CPO", key);
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    List<Certificate> certificates = new ArrayList<>();
    for (var c : chain) {
      certificates.add(x509(c));
    }
    store.setKeyEntry(
        "server",
        key.getPrivate(),
        PASSWORD.toCharArray(),
        certificates.toArray(Certificate[]::new));
    Path file = dir.resolve("server.p12");
    try (var out = Files.newOutputStream(file)) {
      store.store(out, PASSWORD.toCharArray());
    }
    return file;
  }

  /**
   * Adds to {@code keyStore} a second key entry, "rsa": an RSA 2048 key and the csms-server
   * certificate the CA issues for it (the TLS_RSA suites OCPP asks a CSMS to offer need one).
   */
  void addRsaServerEntry(Path keyStore) throws Exception {
    var generator = java.security.KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair key = generator.generateKeyPair();
    List<X509CertificateHolder> chain = issue("csms-server", "CN=localhost, O=Demo CPO", key);
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (var in = Files.newInputStream(keyStore)) {
      store.load(in, PASSWORD.toCharArray());
    }
    List<Certificate> certificates = new ArrayList<>();
    for (var c : chain) {
      certificates.add(x509(c));
    }
    store.setKeyEntry(
        "rsa", key.getPrivate(), PASSWORD.toCharArray(), certificates.toArray(Certificate[]::new));
    try (var out = Files.newOutputStream(keyStore)) {
      store.store(out, PASSWORD.toCharArray());
    }
  }

  /** A station's client certificate with chain and key, as PEM files: [chain, key]. */
  Path[] stationCertificate(String stationId) throws Exception {
    return pemFiles("charging-station-client", "CN=" + stationId + ", O=Demo CPO", stationId);
  }

  /** A server certificate for localhost (csms-server) with chain and key, as PEM files. */
  Path[] serverPem(String name) throws Exception {
    return pemFiles("csms-server", "CN=localhost, O=Demo CPO", name);
  }

  private Path[] pemFiles(String profile, String subject, String name) throws Exception {
    KeyPair key = keyPair();
    List<X509CertificateHolder> chain = issue(profile, subject, key);
    Path cert = dir.resolve(name + "-chain.pem");
    Path keyFile = dir.resolve(name + "-key.pem");
    try (var w = new JcaPEMWriter(Files.newBufferedWriter(cert))) {
      for (var c : chain) {
        w.writeObject(c);
      }
    }
    // PKCS#8 PEM of a key made by this test run (Python's loader wants PKCS#8, not SEC1)
    try (var w = new JcaPEMWriter(Files.newBufferedWriter(keyFile))) {
      w.writeObject(new JcaPKCS8Generator(key.getPrivate(), null));
    }
    return new Path[] {cert, keyFile};
  }

  private List<X509CertificateHolder> issue(String profile, String subject, KeyPair key)
      throws Exception {
    var csr =
        new JcaPKCS10CertificationRequestBuilder(new X500Name(subject), key.getPublic())
            .build(
                new JcaContentSignerBuilder(
                        key.getPublic().getAlgorithm().equals("RSA")
                            ? "SHA256withRSA"
                            : "SHA256withECDSA")
                    .build(key.getPrivate()));
    var pem = new StringWriter();
    try (var w = new JcaPEMWriter(pem)) {
      w.writeObject(csr);
    }
    var response =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + caPort + "/v1/certificates"))
                .header("Authorization", "Bearer embedded-admin-token")
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        Peers.JSON.writeValueAsString(
                            Map.of("profile", profile, "csr", pem.toString()))))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 201) {
      throw new IllegalStateException("CA: " + response.body());
    }
    JsonNode issued = Peers.JSON.readTree(response.body());
    return parse(issued.path("certificate").asText() + issued.path("chain").asText());
  }

  private String get(String path) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + caPort + path)).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private static List<X509CertificateHolder> parse(String pem) throws Exception {
    List<X509CertificateHolder> out = new ArrayList<>();
    try (var parser = new PEMParser(new StringReader(pem))) {
      for (Object o = parser.readObject(); o != null; o = parser.readObject()) {
        out.add((X509CertificateHolder) o);
      }
    }
    return out;
  }

  private static java.security.cert.X509Certificate x509(X509CertificateHolder c) throws Exception {
    return new JcaX509CertificateConverter().getCertificate(c);
  }

  private static KeyPair keyPair() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }
}
