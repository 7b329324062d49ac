package dev.pncpki.ca.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dropwizard.jetty.ConnectorFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.jetty.HttpsConnectorFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class PublicUrlsTest {
  private static HttpConnectorFactory http(String host, int port) {
    var c = new HttpConnectorFactory();
    c.setBindHost(host);
    c.setPort(port);
    return c;
  }

  private static HttpsConnectorFactory https(String host, int port) {
    var c = new HttpsConnectorFactory();
    c.setBindHost(host);
    c.setPort(port);
    return c;
  }

  @Test
  void isTheAddressServedPreferringPlainHttp() {
    assertThat(PublicUrls.served(List.of(http("127.0.0.1", 9090))))
        .hasToString("http://127.0.0.1:9090");
    // revocation data is fetched over plain HTTP where the CA offers it (production.yml: mTLS on
    // 8443 for the API, HTTP on 8080 for OCSP and CRLs)
    List<ConnectorFactory> both = List.of(https("ca.example", 8443), http("ca.example", 8080));
    assertThat(PublicUrls.served(both)).hasToString("http://ca.example:8080");
    assertThat(PublicUrls.served(List.of(https("ca.example", 8443))))
        .hasToString("https://ca.example:8443");
    assertThat(PublicUrls.served(List.of(http("::1", 8080)))).hasToString("http://[::1]:8080");
  }

  @Test
  void aWildcardBindIsNamedByTheHostName() {
    String url = PublicUrls.served(List.of(http(null, 8080))).toString();
    assertThat(url).startsWith("http://").endsWith(":8080").doesNotContain("0.0.0.0");
  }

  @Test
  void aRandomPortNeedsAConfiguredUrl() {
    assertThatThrownBy(() -> PublicUrls.served(List.of(http("127.0.0.1", 0))))
        .isInstanceOf(StartupRefusal.class)
        .hasMessageStartingWith("set publicUrl: the HTTP port is chosen at random (port 0)");
    assertThatThrownBy(() -> PublicUrls.served(List.of()))
        .hasMessage("set publicUrl: the CA has no HTTP or HTTPS connector");
  }
}
