package dev.pncpki.ca.bench;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * Charging-station CSRs made before the load starts (a fresh P-256 key each, subject
 * "CN=CS-BENCH-n, O=Demo CPO"), so that measuring does not share the cores with key generation.
 * Should a phase use more than were made, further ones are made on the spot and counted.
 */
final class CsrPool {
  private final String[] pems;
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicLong madeLate = new AtomicLong();

  CsrPool(int size) {
    pems = new String[size];
    IntStream.range(0, size).parallel().forEach(i -> pems[i] = csr(i));
  }

  int size() {
    return pems.length;
  }

  /** The next CSR; every call in a round gets another subject. */
  String next() {
    int i = next.getAndIncrement();
    if (i < pems.length) {
      return pems[i];
    }
    madeLate.incrementAndGet();
    return csr(i);
  }

  /** Starts a new round with the same CSRs in the same order (for the comparison). */
  void rewind() {
    next.set(0);
    madeLate.set(0);
  }

  int used() {
    return next.get();
  }

  long madeLate() {
    return madeLate.get();
  }

  static String csr(int n) {
    return csr("CN=CS-BENCH-" + n + ", O=Demo CPO");
  }

  static String csr(String subject) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      var pair = generator.generateKeyPair();
      var request =
          new JcaPKCS10CertificationRequestBuilder(new X500Name(subject), pair.getPublic())
              .build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate()));
      var out = new StringWriter();
      try (var writer = new JcaPEMWriter(out)) {
        writer.writeObject(request);
      }
      return out.toString();
    } catch (GeneralSecurityException | OperatorCreationException e) {
      throw new IllegalStateException("cannot make a CSR", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
