package dev.pncpki.policies.profile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CertificateHolder;

/** A parsed certificate together with its exact DER bytes, as the rules inspect it. */
public record CertificateView(X509CertificateHolder holder, byte[] der) {

  public CertificateView {
    der = der.clone();
  }

  public static CertificateView of(byte[] der) {
    try {
      return new CertificateView(new X509CertificateHolder(der), der);
    } catch (IOException e) {
      throw new IllegalArgumentException("not a DER X.509 certificate: " + e.getMessage(), e);
    }
  }

  public static CertificateView of(X509Certificate certificate) {
    try {
      return of(certificate.getEncoded());
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("certificate cannot be encoded", e);
    }
  }

  public static CertificateView of(X509CertificateHolder holder) {
    try {
      return new CertificateView(holder, holder.getEncoded());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public byte[] der() {
    return der.clone();
  }

  public int encodedLength() {
    return der.length;
  }

  public Optional<Extension> extension(ASN1ObjectIdentifier oid) {
    return Optional.ofNullable(holder.getExtension(oid));
  }
}
