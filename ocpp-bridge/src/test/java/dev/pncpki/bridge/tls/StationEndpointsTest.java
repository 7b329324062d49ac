package dev.pncpki.bridge.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.jetty.HttpsConnectorFactory;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StationEndpointsTest {
  @TempDir Path dir;

  @Test
  void anUnsetConnectorIsPinnedToTheCsmsListsWithJettysExclusionsCleared() {
    var https = new HttpsConnectorFactory();

    StationEndpoints.pin(https);

    assertThat(https.getSupportedProtocols()).containsExactly("TLSv1.3", "TLSv1.2");
    assertThat(https.getSupportedCipherSuites())
        .isEqualTo(CsmsTls.CIPHER_SUITES)
        .containsAll(CsmsTls.REQUIRED_BY_OCPP);
    assertThat(https.getExcludedCipherSuites()).isEmpty();
  }

  @Test
  void anOperatorMayNarrowTheListsButNotWidenThem() {
    var narrowed = new HttpsConnectorFactory();
    narrowed.setSupportedProtocols(List.of("TLSv1.2"));
    narrowed.setSupportedCipherSuites(CsmsTls.REQUIRED_BY_OCPP);
    StationEndpoints.pin(narrowed);
    assertThat(narrowed.getSupportedProtocols()).containsExactly("TLSv1.2");
    assertThat(narrowed.getSupportedCipherSuites()).isEqualTo(CsmsTls.REQUIRED_BY_OCPP);

    var oldProtocol = new HttpsConnectorFactory();
    oldProtocol.setSupportedProtocols(List.of("TLSv1.2", "TLSv1.1"));
    assertThatThrownBy(() -> StationEndpoints.pin(oldProtocol))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("supportedProtocols: TLSv1.1 is not among");

    var cbc = new HttpsConnectorFactory();
    cbc.setSupportedCipherSuites(List.of("TLS_RSA_WITH_AES_128_CBC_SHA"));
    assertThatThrownBy(() -> StationEndpoints.pin(cbc))
        .hasMessageContaining("TLS_RSA_WITH_AES_128_CBC_SHA is not among");
  }

  @Test
  void theHttpsConnectorsOfTheServerArePinnedWithTheirKeyTypes() throws Exception {
    var https = new HttpsConnectorFactory();
    https.setPort(8443);
    https.setKeyStorePath(keyStore("EC", "RSA").toString());
    https.setKeyStorePassword("changeit");
    https.setKeyStoreType("PKCS12");
    var server = new DefaultServerFactory();
    server.setApplicationConnectors(List.of(new HttpConnectorFactory(), https));

    var endpoints = StationEndpoints.pin(server);

    assertThat(endpoints)
        .containsExactly(new StationEndpoints.Endpoint(8443, java.util.Set.of("EC", "RSA")));
    assertThat(endpoints.get(0).hasRsa()).isTrue();
    assertThat(https.getSupportedCipherSuites()).isEqualTo(CsmsTls.CIPHER_SUITES);
  }

  @Test
  void anUnreadableKeyStoreIsAConfigurationErrorNamingIt() throws Exception {
    var https = new HttpsConnectorFactory();
    https.setKeyStorePath(keyStore("EC").toString());
    https.setKeyStorePassword("wrong");
    https.setKeyStoreType("PKCS12");

    assertThatThrownBy(() -> StationEndpoints.keyTypes(https))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("keyStorePath");
  }

  private Path keyStore(String... algorithms) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    for (String algorithm : algorithms) {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
      generator.initialize(algorithm.equals("RSA") ? 2048 : 256);
      KeyPair key = generator.generateKeyPair();
      Instant now = Instant.now();
      var holder =
          new JcaX509v3CertificateBuilder(
                  new X500Name("CN=localhost"),
                  BigInteger.ONE,
                  Date.from(now),
                  Date.from(now.plus(1, ChronoUnit.DAYS)),
                  new X500Name("CN=localhost"),
                  key.getPublic())
              .build(
                  new JcaContentSignerBuilder(
                          algorithm.equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA")
                      .build(key.getPrivate()));
      store.setKeyEntry(
          algorithm.toLowerCase(java.util.Locale.ROOT),
          key.getPrivate(),
          "changeit".toCharArray(),
          new Certificate[] {new JcaX509CertificateConverter().getCertificate(holder)});
    }
    Path file = Files.createTempFile(dir, "server", ".p12");
    try (var out = Files.newOutputStream(file)) {
      store.store(out, "changeit".toCharArray());
    }
    return file;
  }
}
