package dev.pncpki.bridge.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class StationTlsTest {
  @Test
  void anEndpointWithBothCertificatesAndStaticRsaAllowedLacksNothing() {
    var endpoint = new StationEndpoints.Endpoint(8443, Set.of("EC", "RSA"));

    assertThat(StationTls.findings(endpoint, true)).isEmpty();
  }

  @Test
  void withoutAnRsaCertificateTheStaticRsaSuitesAreNamedAsMissing() {
    var endpoint = new StationEndpoints.Endpoint(8443, Set.of("EC"));

    assertThat(StationTls.findings(endpoint, false))
        .singleElement()
        .asString()
        .contains("port 8443", "no RSA server certificate")
        .contains("TLS_RSA_WITH_AES_128_GCM_SHA256 and TLS_RSA_WITH_AES_256_GCM_SHA384")
        .contains("A00.FR.318");
  }

  @Test
  void anRsaCertificateTheJdkWillNotUseIsSaid() {
    var endpoint = new StationEndpoints.Endpoint(8443, Set.of("EC", "RSA"));

    assertThat(StationTls.findings(endpoint, false))
        .singleElement()
        .asString()
        .contains("jdk.tls.disabledAlgorithms");
  }

  @Test
  void withoutAnEcCertificateTheEcdsaSuitesAreNamedAsMissing() {
    var endpoint = new StationEndpoints.Endpoint(8443, Set.of("RSA"));

    assertThat(StationTls.findings(endpoint, true))
        .singleElement()
        .asString()
        .contains("no EC server certificate", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
  }
}
