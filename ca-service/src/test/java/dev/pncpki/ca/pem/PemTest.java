package dev.pncpki.ca.pem;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

class PemTest {
  @Test
  void writesWhatBouncyCastlesPemWriterWritesAndReadsBack() throws Exception {
    var chain = List.of(selfSigned("CN=One"), selfSigned("CN=Two"));
    String pem = Pem.of(chain);

    var reference = new StringWriter();
    try (var writer = new JcaPEMWriter(reference)) {
      for (var c : chain) {
        writer.writeObject(c);
      }
    }
    assertThat(pem).isEqualTo(reference.toString().replace("\r\n", "\n"));
    assertThat(pem.lines().filter(l -> !l.startsWith("-----")))
        .allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(64));
    try (var parser = new PEMParser(new StringReader(pem))) {
      assertThat(parser.readObject()).isEqualTo(chain.get(0));
      assertThat(parser.readObject()).isEqualTo(chain.get(1));
      assertThat(parser.readObject()).isNull();
    }
  }

  private static X509CertificateHolder selfSigned(String name) throws Exception {
    var generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    var keys = generator.generateKeyPair();
    var x500 = new X500Name(name);
    return new JcaX509v3CertificateBuilder(
            x500,
            BigInteger.TEN,
            new Date(),
            new Date(System.currentTimeMillis() + 86_400_000L),
            x500,
            keys.getPublic())
        .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
  }
}
