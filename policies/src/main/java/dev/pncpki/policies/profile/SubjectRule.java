package dev.pncpki.policies.profile;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * Subject naming: exactly one CN of the profile's identifier kind, and O and C as the profile asks.
 * The template is built from these fields only; nothing else a requester sends is copied.
 */
public record SubjectRule(
    IdentifierKind commonName, Presence organization, Presence country, Clause source)
    implements CertificateRule {

  private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

  @Override
  public String name() {
    return "subject";
  }

  @Override
  public String describe() {
    return "CN = "
        + commonName.name().toLowerCase(java.util.Locale.ROOT)
        + ", O "
        + presence(organization)
        + ", C "
        + presence(country);
  }

  @Override
  public void contribute(TemplateRequest request, TemplateDraft draft, List<Violation> out) {
    SubjectFields fields = request.subject();
    try {
      String cn = commonName.canonical(fields.commonName());
      if (!cn.equals(fields.commonName())) {
        out.add(violation("CN \"" + fields.commonName() + "\" must be written as \"" + cn + "\""));
      }
      draft.addSubjectAttribute(BCStyle.CN, cn);
    } catch (IllegalArgumentException e) {
      out.add(violation("CN: " + e.getMessage()));
    }
    attribute(BCStyle.O, "O", organization, fields.organization(), draft, out);
    attribute(BCStyle.C, "C", country, fields.country(), draft, out);
  }

  private void attribute(
      ASN1ObjectIdentifier type,
      String label,
      Presence presence,
      Optional<String> value,
      TemplateDraft draft,
      List<Violation> out) {
    if (value.isEmpty()) {
      if (presence == Presence.REQUIRED) {
        out.add(violation(label + " is required"));
      }
      return;
    }
    if (presence == Presence.ABSENT) {
      out.add(violation(label + " is not allowed"));
      return;
    }
    String v = value.get();
    if (type.equals(BCStyle.C) && !COUNTRY.matcher(v).matches()) {
      out.add(violation("C \"" + v + "\" must be an ISO 3166-1 alpha-2 code in upper case"));
    } else if (v.isBlank() || v.length() > 64) {
      out.add(violation(label + " must be 1..64 characters"));
    } else if (hasControl(v)) {
      out.add(violation(label + " must not hold control characters"));
    }
    draft.addSubjectAttribute(type, v);
  }

  @Override
  public void check(CertificateView cert, List<Violation> out) {
    X500Name subject = cert.holder().getSubject();
    List<String> cns = values(subject, BCStyle.CN);
    if (cns.size() != 1) {
      out.add(violation("subject must have exactly one CN, has " + cns.size()));
    } else {
      try {
        commonName.canonical(cns.get(0));
      } catch (IllegalArgumentException e) {
        out.add(violation("CN: " + e.getMessage()));
      }
    }
    List<String> o = values(subject, BCStyle.O);
    checkPresence("O", organization, o, out);
    if (cns.stream().anyMatch(SubjectRule::hasControl)
        || o.stream().anyMatch(SubjectRule::hasControl)) {
      out.add(violation("subject names hold control characters"));
    }
    List<String> c = values(subject, BCStyle.C);
    checkPresence("C", country, c, out);
    c.stream()
        .filter(v -> !COUNTRY.matcher(v).matches())
        .forEach(v -> out.add(violation("C \"" + v + "\" is not an alpha-2 code")));
  }

  private void checkPresence(String label, Presence p, List<String> values, List<Violation> out) {
    if (p == Presence.REQUIRED && values.isEmpty()) {
      out.add(violation(label + " is missing"));
    } else if (p == Presence.ABSENT && !values.isEmpty()) {
      out.add(violation(label + " is not allowed"));
    } else if (values.size() > 1) {
      out.add(violation(label + " appears " + values.size() + " times"));
    }
  }

  /**
   * The attribute values as written, not RFC 4514-escaped: a CN "A, B" must be checked as the 4
   * characters the template was built from, not as "A\, B", which is longer and differs from the
   * identifier the requester sent.
   */
  static List<String> values(X500Name name, ASN1ObjectIdentifier type) {
    return java.util.Arrays.stream(name.getRDNs(type))
        .map(RDN::getFirst)
        .map(
            a ->
                a.getValue() instanceof ASN1String s
                    ? s.getString()
                    : IETFUtils.valueToString(a.getValue()))
        .toList();
  }

  /**
   * A name a relying party prints (a charger's log, an operator's dashboard): C0 and C1 controls
   * have no place in it, a NUL least of all (it ends the name for C code).
   */
  static boolean hasControl(String value) {
    return value.chars().anyMatch(Character::isISOControl);
  }

  private static String presence(Presence p) {
    return p.name().toLowerCase(java.util.Locale.ROOT);
  }
}
