package dev.pncpki.ca.pem;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/** PEM text of certificates, one block each, in the order given. */
public final class Pem {
  private Pem() {}

  public static String of(X509CertificateHolder certificate) {
    return of(List.of(certificate));
  }

  public static String of(List<X509CertificateHolder> certificates) {
    var out = new StringWriter();
    try (var writer = new JcaPEMWriter(out)) {
      for (X509CertificateHolder c : certificates) {
        writer.writeObject(c);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
