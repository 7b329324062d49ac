package dev.pncpki.policies.profile;

import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.Extension;

/**
 * The certificate under construction while a profile's rules contribute to it. Lives only inside
 * {@link CertificateProfile#template}; what leaves is the immutable {@link CertificateTemplate}.
 */
public final class TemplateDraft {
  /** Subject attributes in the usual X.500 order, most significant first: C, O, DC, CN. */
  private static final List<ASN1ObjectIdentifier> ORDER =
      List.of(BCStyle.C, BCStyle.O, BCStyle.DC, BCStyle.CN);

  private final List<ASN1ObjectIdentifier> types = new ArrayList<>();
  private final List<String> values = new ArrayList<>();
  private final List<Extension> extensions = new ArrayList<>();
  private AlgorithmIdentifier signatureAlgorithm;

  TemplateDraft() {}

  void addSubjectAttribute(ASN1ObjectIdentifier type, String value) {
    types.add(type);
    values.add(value);
  }

  void addExtension(ASN1ObjectIdentifier oid, boolean critical, ASN1Encodable value) {
    try {
      extensions.add(new Extension(oid, critical, value.toASN1Primitive().getEncoded("DER")));
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot encode extension " + oid, e);
    }
  }

  void signatureAlgorithm(AlgorithmIdentifier algorithm) {
    this.signatureAlgorithm = algorithm;
  }

  RDN[] subjectRdns() {
    X500NameBuilder subject = new X500NameBuilder();
    for (ASN1ObjectIdentifier type : ORDER) {
      for (int i = 0; i < types.size(); i++) {
        if (types.get(i).equals(type)) {
          subject.addRDN(type, values.get(i));
        }
      }
    }
    for (int i = 0; i < types.size(); i++) {
      if (!ORDER.contains(types.get(i))) {
        subject.addRDN(types.get(i), values.get(i));
      }
    }
    return subject.build().getRDNs();
  }

  List<Extension> extensions() {
    return List.copyOf(extensions);
  }

  AlgorithmIdentifier signatureAlgorithm() {
    return signatureAlgorithm;
  }
}
