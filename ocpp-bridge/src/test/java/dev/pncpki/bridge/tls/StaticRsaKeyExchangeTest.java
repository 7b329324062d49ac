package dev.pncpki.bridge.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StaticRsaKeyExchangeTest {
  /** JDK 25's value of jdk.tls.disabledAlgorithms. */
  static final String JDK25 =
      "SSLv3, TLSv1, TLSv1.1, DTLSv1.0, RC4, DES, MD5withRSA, DH keySize < 1024, EC keySize < 224,"
          + " 3DES_EDE_CBC, anon, NULL, ECDH, TLS_RSA_*, rsa_pkcs1_sha1 usage HandshakeSignature,"
          + " ecdsa_sha1 usage HandshakeSignature, dsa_sha1 usage HandshakeSignature";

  @Test
  void theBlanketBanBecomesABanOnTheCbcSuitesAndEverythingElseStays() {
    String lifted = StaticRsaKeyExchange.lifted(JDK25);

    List<String> entries = List.of(lifted.split(", "));
    assertThat(entries).doesNotContain("TLS_RSA_*").contains("TLS_RSA_*CBC*");
    assertThat(entries)
        .contains(
            "SSLv3",
            "TLSv1",
            "TLSv1.1",
            "RC4",
            "NULL",
            "3DES_EDE_CBC",
            "DH keySize < 1024",
            "rsa_pkcs1_sha1 usage HandshakeSignature")
        .hasSize(17);
  }

  @Test
  void anExplicitBanOnARequiredSuiteIsDroppedAndOthersKept() {
    String lifted =
        StaticRsaKeyExchange.lifted(
            "TLSv1.1, TLS_RSA_WITH_AES_128_GCM_SHA256,TLS_RSA_WITH_AES_256_GCM_SHA384 ,"
                + " TLS_RSA_WITH_AES_128_CBC_SHA");

    assertThat(lifted).isEqualTo("TLSv1.1, TLS_RSA_WITH_AES_128_CBC_SHA");
  }

  @Test
  void aValueWithoutStaticRsaIsUnchanged() {
    assertThat(StaticRsaKeyExchange.lifted("SSLv3, TLSv1, RC4")).isEqualTo("SSLv3, TLSv1, RC4");
  }
}
