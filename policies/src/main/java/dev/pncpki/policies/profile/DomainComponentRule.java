package dev.pncpki.policies.profile;

import java.util.List;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * The domainComponent that marks which V2G PKI a certificate belongs to (V2G, CPO, MO, OEM, CPS).
 * Required where validators reject its absence (SECC leaf DC=CPO [V2G2-925], CPS leaf DC=CPS);
 * optional elsewhere, because deployed PKIs omit it on Sub-CAs and MO/OEM leaves. We always emit it
 * on what we issue.
 */
public record DomainComponentRule(String value, Presence presence, Clause source)
    implements CertificateRule {

  @Override
  public String name() {
    return "domain-component";
  }

  @Override
  public String describe() {
    if (presence == Presence.ABSENT) {
      return "no DC"; // value is only a placeholder then
    }
    return "DC=" + value + " " + presence.name().toLowerCase(java.util.Locale.ROOT);
  }

  @Override
  public void contribute(TemplateRequest request, TemplateDraft draft, List<Violation> out) {
    if (presence != Presence.ABSENT) {
      draft.addSubjectAttribute(BCStyle.DC, value);
    }
  }

  @Override
  public void check(CertificateView cert, List<Violation> out) {
    List<String> dcs = SubjectRule.values(cert.holder().getSubject(), BCStyle.DC);
    if (dcs.isEmpty()) {
      if (presence == Presence.REQUIRED) {
        out.add(violation("DC=" + value + " is missing"));
      }
    } else if (presence == Presence.ABSENT) {
      out.add(violation("DC is not allowed here"));
    } else if (dcs.size() != 1 || !dcs.get(0).equalsIgnoreCase(value)) {
      out.add(violation("DC is " + dcs + ", must be " + value));
    }
  }
}
