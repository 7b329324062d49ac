package dev.pncpki.ca.revocation;

import dev.pncpki.ca.keys.BackendContentSigner;
import dev.pncpki.ca.keys.KeyBackend;
import dev.pncpki.ca.keys.KeyBackendException;
import dev.pncpki.ca.keys.SignatureVerifiers;
import dev.pncpki.policies.profile.IssuerRef;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.DERTaggedObject;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.operator.ContentVerifier;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * An X.509 v2 CRL (RFC 5280 5.1) written around a file of entries: {@code head} (the
 * CertificateList and TBSCertList headers up to the revokedCertificates header), the entries as
 * {@link CrlEntries} wrote them, and {@code tail} (crlExtensions, signatureAlgorithm,
 * signatureValue). The TBSCertList is hashed as it streams past, only the digest goes to the key
 * backend (an Ed448 key, which signs whole messages, gets the TBSCertList in memory), and the
 * signature is checked against the CA certificate in the same pass, so a backend that signs with
 * another key or version never gets its CRL stored.
 */
public final class SignedCrl {
  private static final int CHUNK = 1 << 16;
  private final byte[] head;
  private final CrlEntries entries;
  private final byte[] tail;

  private SignedCrl(byte[] head, CrlEntries entries, byte[] tail) {
    this.head = head;
    this.entries = entries;
    this.tail = tail;
  }

  /** Total DER length of the CertificateList. */
  public long length() {
    return head.length + entries.length() + tail.length;
  }

  /** The whole CertificateList; the entries are read from their file as the stream is read. */
  public InputStream open() throws IOException {
    return new SequenceInputStream(
        Collections.enumeration(
            List.of(
                new ByteArrayInputStream(head), entries.read(), new ByteArrayInputStream(tail))));
  }

  /**
   * Signs the CRL of {@code ca} numbered {@code number} listing {@code entries}, which must stay
   * open until the CRL has been read.
   *
   * @throws KeyBackendException if the backend cannot sign or its signature does not verify
   */
  public static SignedCrl sign(
      IssuingCa ca,
      KeyBackend backend,
      BigInteger number,
      Instant thisUpdate,
      Instant nextUpdate,
      CrlEntries entries) {
    var signer = new BackendContentSigner(backend, ca.key());
    AlgorithmIdentifier algorithm = signer.getAlgorithmIdentifier();
    byte[] algorithmDer = encoded(algorithm);
    byte[] revokedHeader =
        entries.count() == 0 ? new byte[0] : Der.header(Der.SEQUENCE, entries.length());
    byte[] fields =
        Der.concat(
            Der.integer(BigInteger.ONE), // version v2 (RFC 5280 5.1.2.1)
            algorithmDer,
            encoded(ca.certificate().getSubject()),
            Der.time(thisUpdate),
            Der.time(nextUpdate),
            revokedHeader);
    // RFC 5280 5.1.2.6: with no revoked certificates the list is absent, not empty
    byte[] extensions = extensions(ca, number);
    long tbsLength = fields.length + entries.length() + extensions.length;
    byte[] tbsHead = Der.concat(Der.header(Der.SEQUENCE, tbsLength), fields);
    ContentVerifier verifier = verifier(ca, algorithm);
    try (OutputStream toSigner = signer.getOutputStream();
        OutputStream toVerifier = verifier.getOutputStream()) {
      toSigner.write(tbsHead);
      toVerifier.write(tbsHead);
      try (InputStream in = entries.read()) {
        byte[] buffer = new byte[CHUNK];
        for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
          toSigner.write(buffer, 0, n);
          toVerifier.write(buffer, 0, n);
        }
      }
      toSigner.write(extensions);
      toVerifier.write(extensions);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the CRL entries of " + ca.id(), e);
    }
    byte[] signature = signer.getSignature();
    if (!verifier.verify(signature)) {
      throw new KeyBackendException(
          "CRL signature by " + ca.key().reference() + " does not verify with " + ca.id());
    }
    byte[] signatureValue = Der.tlv(Der.BIT_STRING, Der.concat(new byte[] {0}, signature));
    long total = tbsHead.length + entries.length() + extensions.length;
    total += algorithmDer.length + signatureValue.length;
    byte[] head = Der.concat(Der.header(Der.SEQUENCE, total), tbsHead);
    return new SignedCrl(head, entries, Der.concat(extensions, algorithmDer, signatureValue));
  }

  /** crlExtensions [0]: cRLNumber (5.2.3) and authorityKeyIdentifier (5.2.1), non-critical. */
  private static byte[] extensions(IssuingCa ca, BigInteger number) {
    try {
      var aki = new AuthorityKeyIdentifier(IssuerRef.of(ca.certificate()).keyIdentifier());
      var list =
          new Extensions(
              new Extension[] {
                new Extension(Extension.cRLNumber, false, new CRLNumber(number).getEncoded()),
                new Extension(Extension.authorityKeyIdentifier, false, aki.getEncoded())
              });
      return new DERTaggedObject(true, 0, list).getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ContentVerifier verifier(IssuingCa ca, AlgorithmIdentifier algorithm) {
    try {
      return SignatureVerifiers.forIssuer(ca.certificate().getSubjectPublicKeyInfo())
          .get(algorithm);
    } catch (OperatorCreationException e) {
      throw new KeyBackendException("cannot verify CRL signatures of " + ca.id(), e);
    }
  }

  private static byte[] encoded(org.bouncycastle.asn1.ASN1Encodable value) {
    try {
      return value.toASN1Primitive().getEncoded(ASN1Encoding.DER);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
