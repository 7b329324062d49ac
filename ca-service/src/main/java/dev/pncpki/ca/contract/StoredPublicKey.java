package dev.pncpki.ca.contract;

import java.io.IOException;
import org.bouncycastle.asn1.ASN1InputStream;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;

/** The public key of a stored certificate, to which a contract key is encrypted. */
final class StoredPublicKey {
  private StoredPublicKey() {}

  /**
   * The subject public key of a certificate this service stored (and checked when it took it in),
   * read without decoding the rest: names and extensions stay undecoded (BC's lazy parsing).
   */
  static SubjectPublicKeyInfo of(byte[] der) {
    try (var in = new ASN1InputStream(der, true)) {
      ASN1Sequence tbs =
          ASN1Sequence.getInstance(ASN1Sequence.getInstance(in.readObject()).getObjectAt(0));
      // TBSCertificate (RFC 5280 4.1.2): [0] version (absent in v1), serialNumber, signature,
      // issuer, validity, subject, subjectPublicKeyInfo, ...
      int index = tbs.getObjectAt(0) instanceof ASN1TaggedObject ? 6 : 5;
      return SubjectPublicKeyInfo.getInstance(tbs.getObjectAt(index));
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("a stored certificate cannot be read", e);
    }
  }
}
