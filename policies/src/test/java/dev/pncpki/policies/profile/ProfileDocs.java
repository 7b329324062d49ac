package dev.pncpki.policies.profile;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Renders docs/profiles.md from {@link ProfileCatalog}, so the document cannot drift from the rules
 * the CA applies. {@link ProfileDocsTest} compares the file with this output.
 */
final class ProfileDocs {

  static final String REGENERATE =
      "./mvnw -pl policies test -Dtest=ProfileDocsTest -Dpnc.writeDocs=true";

  private static final String INTRO =
      """
      A certificate profile states what one kind of certificate in the Plug & Charge PKI must look \
      like: key and signature algorithm, subject naming, extensions, maximum validity and maximum \
      encoded size. Each profile is a list of rules in `ProfileCatalog` (module `policies`). The \
      same rules build the template of a new certificate and check a finished one, and the CA \
      checks every certificate it issues against its profile before the certificate leaves the \
      service, so what is documented here is what is enforced.

      Every rule names the clause it comes from. ISO 15118-2 Annex F, which holds the normative \
      certificate profile tables, is not publicly available. Rules marked "not normative" are \
      therefore our reading of public practice: what the public reference PKIs (JOSEV, RISE-V2G, \
      EVerest) configure and what deployed PKIs such as Hubject's QA PKI contain, or a choice of \
      this project where no public source gives a value. Rules marked "yes" cite a numbered \
      requirement or section of ISO 15118-2/-20, an RFC or OCPP 2.0.1; some ISO 15118-2 \
      requirement numbers are known only from public implementations that quote them.
      """;

  private ProfileDocs() {}

  static String markdown() {
    var out = new StringBuilder();
    out.append("# Certificate profiles\n\n");
    out.append("<!-- Generated from ProfileCatalog by ProfileDocs (policies test sources). ")
        .append("Do not edit by hand; regenerate with: ")
        .append(REGENERATE)
        .append(" -->\n\n");
    out.append(INTRO).append('\n');
    out.append("Columns: *Rule* is the name used in violation reports, *Requirement* what the ")
        .append("rule asks for, *Source* the clause, *Normative* whether that clause is ")
        .append("normative text.\n\n");
    out.append("Where ISO 15118 practice and a generic PKIX linter disagree, the profile follows ")
        .append("ISO 15118 and the difference is written down here. DigiCert's pkilint, which the ")
        .append(
            "tests run over every certificate, CRL and OCSP response the CA makes, reports two ")
        .append("such findings: domainComponent values that are not DNS names (DC=V2G, CPO, MO, ")
        .append("OEM, CPS mark the V2G PKIs), and keyEncipherment on the EC contract leaf, which ")
        .append(
            "RFC 5480 section 3 prohibits for EC keys but the ISO 15118-2 contract certificate ")
        .append("carries in every public reference PKI and in deployed ones.\n\n");
    iso2(out);
    iso20(out);
    return out.toString();
  }

  private static void iso2(StringBuilder out) {
    Suite suite = Suite.ISO15118_2;
    out.append("## ISO 15118-2\n\n")
        .append("Every profile of this suite uses ")
        .append(suite.keyAlgorithm().curveName())
        .append(" keys and certificates of at most ")
        .append(suite.maxEncodedBytes())
        .append(" DER bytes. Profiles are named by their label, e.g. `")
        .append(ProfileCatalog.get(ProfileId.SECC_LEAF, suite).label())
        .append("`.\n\n");
    for (ProfileId id : ProfileId.values()) {
      CertificateProfile profile = ProfileCatalog.get(id, suite);
      out.append("### ").append(profile.label()).append("\n\n");
      out.append("PKI: ").append(pki(id.pki())).append("; position: ").append(tier(id.tier()));
      out.append(".\n\n");
      out.append("| Rule | Requirement | Source | Normative |\n");
      out.append("|---|---|---|---|\n");
      for (CertificateRule rule : profile.rules()) {
        row(out, rule.name(), rule.describe(), source(rule.source()), normative(rule.source()));
      }
      out.append('\n');
    }
  }

  private static void iso20(StringBuilder out) {
    out.append("## How the ISO 15118-20 suites differ\n\n")
        .append("The -20 suites have the same profiles as ISO 15118-2. Their labels carry the ")
        .append("suite, e.g. `")
        .append(ProfileCatalog.get(ProfileId.CONTRACT_LEAF, Suite.ISO15118_20_P521).label())
        .append("`.\n\n");
    out.append("| Suite | Key algorithm | Max DER bytes | Source | Normative |\n");
    out.append("|---|---|---|---|---|\n");
    for (Suite suite : Suite.values()) {
      row(
          out,
          "`" + suite.label() + "`",
          suite.keyAlgorithm().curveName(),
          Integer.toString(suite.maxEncodedBytes()),
          source(suite.source()),
          normative(suite.source()));
    }
    out.append("\nRules whose requirement or source differs from the ISO 15118-2 tables above; ")
        .append("every other rule is the same:\n\n");
    out.append("| Suite | Rule | ISO 15118-2 | This suite | Source |\n");
    out.append("|---|---|---|---|---|\n");
    for (Suite suite : Suite.values()) {
      if (suite != Suite.ISO15118_2) {
        for (List<String> difference : differences(suite)) {
          row(out, difference.toArray(String[]::new));
        }
      }
    }
  }

  /** Distinct (suite, rule, -2 requirement, suite requirement, source) rows over all profiles. */
  private static Set<List<String>> differences(Suite suite) {
    Set<List<String>> rows = new LinkedHashSet<>();
    for (ProfileId id : ProfileId.values()) {
      List<CertificateRule> base = ProfileCatalog.get(id, Suite.ISO15118_2).rules();
      for (CertificateRule rule : ProfileCatalog.get(id, suite).rules()) {
        CertificateRule iso2 =
            base.stream().filter(r -> r.name().equals(rule.name())).findFirst().orElse(null);
        String iso2Describe = iso2 == null ? "(no such rule)" : iso2.describe();
        if (iso2 == null
            || !iso2.describe().equals(rule.describe())
            || !iso2.source().equals(rule.source())) {
          rows.add(
              List.of(
                  "`" + suite.label() + "`",
                  rule.name(),
                  iso2Describe,
                  rule.describe(),
                  source(rule.source())));
        }
      }
    }
    return rows;
  }

  private static String pki(ProfileId.Pki pki) {
    return switch (pki) {
      case CPO, MO, OEM, CPS -> pki.name();
      case OCPP -> "OCPP link between charging station and CSMS";
      case ANY -> "any (a delegated responder of the CA it answers for)";
    };
  }

  private static String tier(ProfileId.Tier tier) {
    return switch (tier) {
      case ROOT -> "root CA";
      case SUB_CA_1 -> "Sub-CA 1";
      case SUB_CA_2 -> "Sub-CA 2";
      case LEAF -> "leaf";
    };
  }

  private static String source(Clause clause) {
    return clause.document() + ", " + clause.reference();
  }

  private static String normative(Clause clause) {
    return clause.confirmed() ? "yes" : "not normative";
  }

  private static void row(StringBuilder out, String... cells) {
    out.append('|');
    for (String cell : cells) {
      out.append(' ').append(cell.replace("|", "\\|")).append(" |");
    }
    out.append('\n');
  }
}
