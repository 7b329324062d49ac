package dev.pncpki.policies.profile;

import java.math.BigInteger;
import java.util.List;
import java.util.OptionalInt;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;

/**
 * basicConstraints, critical, with cA and the path length of the certificate's tier: Sub-CA 1 has
 * pathLen 1, Sub-CA 2 pathLen 0, roots none, leaves cA false.
 */
public record BasicConstraintsRule(boolean ca, OptionalInt pathLength, Clause source)
    implements CertificateRule {

  public static BasicConstraintsRule forTier(ProfileId.Tier tier, Clause source) {
    return switch (tier) {
      case ROOT -> new BasicConstraintsRule(true, OptionalInt.empty(), source);
      case SUB_CA_1 -> new BasicConstraintsRule(true, OptionalInt.of(1), source);
      case SUB_CA_2 -> new BasicConstraintsRule(true, OptionalInt.of(0), source);
      case LEAF -> new BasicConstraintsRule(false, OptionalInt.empty(), source);
    };
  }

  @Override
  public String name() {
    return "basic-constraints";
  }

  @Override
  public String describe() {
    return "critical, cA="
        + ca
        + pathLength.stream().mapToObj(n -> ", pathLen=" + n).findFirst().orElse("");
  }

  @Override
  public void contribute(TemplateRequest request, TemplateDraft draft, List<Violation> out) {
    BasicConstraints value =
        pathLength.isPresent()
            ? new BasicConstraints(pathLength.getAsInt())
            : new BasicConstraints(ca);
    draft.addExtension(Extension.basicConstraints, true, value);
  }

  @Override
  public void check(CertificateView cert, List<Violation> out) {
    boolean selfIssued = cert.holder().getSubject().equals(cert.holder().getIssuer());
    if (ca && pathLength.isEmpty() && !selfIssued) {
      out.add(violation("a root must be self-issued (RFC 5280 3.2)"));
    } else if (!ca && selfIssued) {
      out.add(violation("an end-entity certificate must not be self-issued (RFC 5280 3.2)"));
    }
    Extension ext = cert.holder().getExtension(Extension.basicConstraints);
    if (ext == null) {
      out.add(violation("basicConstraints is missing"));
      return;
    }
    if (!ext.isCritical()) {
      out.add(violation("basicConstraints is not critical"));
    }
    BasicConstraints bc = BasicConstraints.getInstance(ext.getParsedValue());
    if (bc.isCA() != ca) {
      out.add(violation("cA is " + bc.isCA() + ", must be " + ca));
    }
    BigInteger actual = bc.getPathLenConstraint();
    if (pathLength.isPresent() && (actual == null || actual.intValue() != pathLength.getAsInt())) {
      out.add(violation("pathLenConstraint is " + actual + ", must be " + pathLength.getAsInt()));
    } else if (pathLength.isEmpty() && actual != null) {
      out.add(violation("pathLenConstraint " + actual + " is not allowed here"));
    }
  }
}
