package dev.pncpki.ca.api;

import dev.pncpki.ca.issuance.IssuedCertificate;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/** The JSON form of a certificate with its chain, all PEM. */
public record CertificateJson(
    String serial,
    String issuer,
    String profile,
    String status,
    Instant notBefore,
    Instant notAfter,
    String subject,
    String certificate,
    String chain,
    String root,
    Instant revokedAt,
    Integer revocationReason) {

  static CertificateJson of(IssuedCertificate c) {
    StringBuilder chain = new StringBuilder();
    c.chain().forEach(h -> chain.append(pem(h)));
    String state =
        c.revokedAt() != null
            ? "revoked"
            : c.notAfter().isBefore(Instant.now()) ? "expired" : "valid";
    return new CertificateJson(
        c.serial(),
        c.issuerId(),
        c.profile(),
        state,
        c.notBefore(),
        c.notAfter(),
        c.certificate().getSubject().toString(),
        pem(c.certificate()),
        chain.toString(),
        pem(c.root()),
        c.revokedAt(),
        c.revocationReason());
  }

  static String pem(X509CertificateHolder certificate) {
    var out = new StringWriter();
    try (var writer = new JcaPEMWriter(out)) {
      writer.writeObject(certificate);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }
}
