package dev.pncpki.bridge.tls;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutgoingTlsTest {
  @Test
  void theBridgesOwnClientsOfferNoStaticRsa() {
    String[] suites = OutgoingTls.parameters().getCipherSuites();

    assertThat(suites)
        .isNotEmpty()
        .contains("TLS_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256")
        .noneMatch(OutgoingTls::isStaticRsa);
  }

  @Test
  void staticRsaIsTheKeyExchangeNotTheSignature() {
    assertThat(OutgoingTls.isStaticRsa("TLS_RSA_WITH_AES_128_GCM_SHA256")).isTrue();
    assertThat(OutgoingTls.isStaticRsa("SSL_RSA_WITH_3DES_EDE_CBC_SHA")).isTrue();
    assertThat(OutgoingTls.isStaticRsa("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")).isFalse();
    assertThat(OutgoingTls.isStaticRsa("TLS_DHE_RSA_WITH_AES_128_GCM_SHA256")).isFalse();
  }
}
