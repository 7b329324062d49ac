package dev.pncpki.policies.profile;

import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * keyUsage is present, critical, and has exactly the profile's bits; with an RSA subject key, also
 * {@code rsaBits} (keyEncipherment for a TLS server whose key transports the premaster secret, RFC
 * 5246 7.4.2, RFC 5280 4.2.1.3).
 */
public record KeyUsageRule(int bits, int rsaBits, Clause source) implements CertificateRule {

  public KeyUsageRule(int bits, Clause source) {
    this(bits, 0, source);
  }

  private static final int[] BITS = {
    KeyUsage.digitalSignature,
    KeyUsage.nonRepudiation,
    KeyUsage.keyEncipherment,
    KeyUsage.dataEncipherment,
    KeyUsage.keyAgreement,
    KeyUsage.keyCertSign,
    KeyUsage.cRLSign,
    KeyUsage.encipherOnly,
    KeyUsage.decipherOnly
  };
  private static final String[] NAMES = {
    "digitalSignature",
    "nonRepudiation",
    "keyEncipherment",
    "dataEncipherment",
    "keyAgreement",
    "keyCertSign",
    "cRLSign",
    "encipherOnly",
    "decipherOnly"
  };

  @Override
  public String name() {
    return "key-usage";
  }

  @Override
  public String describe() {
    return "critical: "
        + names(bits)
        + (rsaBits == 0 ? "" : "; with an RSA key also " + names(rsaBits));
  }

  private int expected(org.bouncycastle.asn1.x509.SubjectPublicKeyInfo key) {
    return KeyRule.rsaBits(key).isPresent() ? bits | rsaBits : bits;
  }

  public boolean allows(int bit) {
    return (bits & bit) == bit;
  }

  @Override
  public void contribute(TemplateRequest request, TemplateDraft draft, List<Violation> out) {
    draft.addExtension(Extension.keyUsage, true, new KeyUsage(expected(request.subjectKey())));
  }

  @Override
  public void check(CertificateView cert, List<Violation> out) {
    Extension ext = cert.holder().getExtension(Extension.keyUsage);
    if (ext == null) {
      out.add(violation("keyUsage is missing"));
      return;
    }
    if (!ext.isCritical()) {
      out.add(violation("keyUsage is not critical"));
    }
    KeyUsage actual = KeyUsage.getInstance(ext.getParsedValue());
    int actualBits = 0;
    for (int bit : BITS) {
      if (actual.hasUsages(bit)) {
        actualBits |= bit;
      }
    }
    int wanted = expected(cert.holder().getSubjectPublicKeyInfo());
    if (actualBits != wanted) {
      out.add(violation("keyUsage is " + names(actualBits) + ", must be " + names(wanted)));
    }
  }

  static String names(int bits) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < BITS.length; i++) {
      if ((bits & BITS[i]) != 0) {
        names.add(NAMES[i]);
      }
    }
    return names.isEmpty() ? "(none)" : String.join(", ", names);
  }
}
