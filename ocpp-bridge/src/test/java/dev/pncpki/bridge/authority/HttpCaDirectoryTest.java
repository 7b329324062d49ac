package dev.pncpki.bridge.authority;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

class HttpCaDirectoryTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The CA's subject as Bouncy Castle prints it (the CA's list), in the order it is encoded. */
  private static final X500Name SUB_CA_2 =
      new X500NameBuilder(BCStyle.INSTANCE)
          .addRDN(BCStyle.C, "DE")
          .addRDN(BCStyle.O, "pnc-pki demo CPO")
          .addRDN(BCStyle.CN, "PnC Demo CPO Sub-CA 2")
          .build();

  @Test
  void theCasSubjectReadsAsTheIssuerTheJdkPrintsForItsCertificates() throws Exception {
    var keys = KeyPairGenerator.getInstance("EC");
    keys.initialize(256);
    var ca = keys.generateKeyPair();
    var leaf =
        new JcaX509CertificateConverter()
            .getCertificate(
                new JcaX509v3CertificateBuilder(
                        SUB_CA_2,
                        BigInteger.TEN,
                        new Date(),
                        new Date(System.currentTimeMillis() + 86_400_000L),
                        new X500Name("CN=SECC-1,O=Demo CPO,C=DE"),
                        keys.generateKeyPair().getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(ca.getPrivate())));
    String recorded = leaf.getIssuerX500Principal().getName(); // as the bridge records issuers
    assertThat(SUB_CA_2.toString()).isEqualTo("C=DE,O=pnc-pki demo CPO,CN=PnC Demo CPO Sub-CA 2");
    assertThat(HttpCaDirectory.rfc2253(SUB_CA_2.toString())).contains(recorded);
    assertThat(recorded).isEqualTo("CN=PnC Demo CPO Sub-CA 2,O=pnc-pki demo CPO,C=DE");
  }

  @Test
  void specialCharactersSurviveTheRoundTrip() {
    var name =
        new X500NameBuilder(BCStyle.INSTANCE)
            .addRDN(BCStyle.O, "Acme, Inc. + Sons")
            .addRDN(BCStyle.CN, "Sub-CA \"2\"")
            .build();
    assertThat(HttpCaDirectory.rfc2253(name.toString()))
        .contains("CN=Sub-CA \\\"2\\\",O=Acme\\, Inc. \\+ Sons");
    assertThat(HttpCaDirectory.rfc2253("")).isEmpty();
    assertThat(HttpCaDirectory.rfc2253("no equals sign")).isEmpty();
  }

  @Test
  void entriesWithoutIdStatusOrSubjectAreLeftOut() throws Exception {
    var list =
        JSON.readTree(
            """
            [{"id": "cpo-sub-ca-2", "status": "revoked", "subject": "C=DE,O=x,CN=Sub 2"},
             {"id": "cpo-sub-ca-2b", "status": "valid", "subject": "C=DE,O=x,CN=Sub 2B"},
             {"id": "old", "status": "expired", "subject": "CN=Old"},
             {"id": "odd", "status": "suspended", "subject": "CN=Odd"},
             {"status": "valid", "subject": "CN=No id"},
             {"id": "no-subject", "status": "valid"}]
            """);
    assertThat(HttpCaDirectory.read(list))
        .containsExactly(
            new Authority("cpo-sub-ca-2", "CN=Sub 2,O=x,C=DE", Authority.Status.REVOKED),
            new Authority("cpo-sub-ca-2b", "CN=Sub 2B,O=x,C=DE", Authority.Status.VALID),
            new Authority("old", "CN=Old", Authority.Status.EXPIRED));
    assertThatThrownBy(() -> HttpCaDirectory.read(JSON.readTree("{}")))
        .isInstanceOf(IOException.class)
        .hasMessage("CA list: not a JSON array");
  }

  @Test
  void theListIsFetchedFromV1CasWithoutACredential() throws Exception {
    AtomicInteger status = new AtomicInteger(200);
    AtomicReference<String> authorization = new AtomicReference<>("unset");
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/v1/cas",
        exchange -> {
          authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
          byte[] body =
              "[{\"id\":\"cpo-sub-ca-2\",\"status\":\"revoked\",\"subject\":\"CN=S\"}]"
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status.get(), body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
    try (HttpClient http = HttpClient.newHttpClient()) {
      var directory =
          new HttpCaDirectory(
              URI.create("http://127.0.0.1:" + server.getAddress().getPort()), http);
      assertThat(directory.authorities())
          .containsExactly(new Authority("cpo-sub-ca-2", "CN=S", Authority.Status.REVOKED));
      assertThat(authorization.get()).isNull();
      status.set(503);
      assertThatThrownBy(directory::authorities)
          .isInstanceOf(IOException.class)
          .hasMessageEndingWith("/v1/cas: HTTP 503");
    } finally {
      server.stop(0);
    }
  }

  @Test
  void statusesReadOnlyTheirWireNames() {
    assertThat(Authority.Status.of("revoked")).contains(Authority.Status.REVOKED);
    assertThat(Authority.Status.of("REVOKED")).isEmpty();
    assertThat(new Authority("a", "CN=A", Authority.Status.VALID).revoked()).isFalse();
    assertThat(List.of(Authority.Status.values()))
        .extracting(Authority.Status::wire)
        .containsExactly("valid", "revoked", "expired");
  }
}
