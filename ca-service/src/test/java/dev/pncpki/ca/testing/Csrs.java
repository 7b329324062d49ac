package dev.pncpki.ca.testing;

import java.io.StringWriter;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** CSRs as a charger or backend would send them, made with fresh keys. */
public final class Csrs {
  private Csrs() {}

  public static String csr(String subject, String curve) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec(curve));
    KeyPair pair = g.generateKeyPair();
    var request =
        new JcaPKCS10CertificationRequestBuilder(new X500Name(subject), pair.getPublic())
            .build(
                new JcaContentSignerBuilder(
                        switch (curve) {
                          case "secp384r1" -> "SHA384withECDSA";
                          case "secp521r1" -> "SHA512withECDSA";
                          default -> "SHA256withECDSA";
                        })
                    .build(pair.getPrivate()));
    var out = new StringWriter();
    try (var w = new JcaPEMWriter(out)) {
      w.writeObject(request);
    }
    return out.toString();
  }

  public static String p256(String subject) throws Exception {
    return csr(subject, "secp256r1");
  }

  /** An RSA key of {@code bits}, signed SHA256withRSA: a CSMS server for the TLS_RSA suites. */
  public static String rsa(String subject, int bits) throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
    g.initialize(bits);
    KeyPair pair = g.generateKeyPair();
    var request =
        new JcaPKCS10CertificationRequestBuilder(new X500Name(subject), pair.getPublic())
            .build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate()));
    var out = new StringWriter();
    try (var w = new JcaPEMWriter(out)) {
      w.writeObject(request);
    }
    return out.toString();
  }

  /** For the ISO 15118-20 P-521 profiles. */
  public static String p521(String subject) throws Exception {
    return csr(subject, "secp521r1");
  }
}
