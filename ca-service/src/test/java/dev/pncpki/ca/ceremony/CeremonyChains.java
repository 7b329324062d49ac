package dev.pncpki.ca.ceremony;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pncpki.ca.testing.Openssl;
import dev.pncpki.policies.profile.CertificateProfile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.cert.X509CertificateHolder;

/** Checks a ceremony's output three ways: own profile, DER size, and openssl chain validation. */
final class CeremonyChains {
  private CeremonyChains() {}

  static void checkAll(CeremonyPlan plan, Path dir) throws Exception {
    for (CertificateSpec spec : plan.certificates()) {
      X509CertificateHolder cert = new HierarchyFiles(dir).read(spec.id()).orElseThrow();
      CertificateProfile profile = spec.profile();
      assertThat(profile.violations(cert)).as(spec.id()).isEmpty();
      assertThat(cert.getEncoded().length)
          .as(spec.id() + " DER size")
          .isLessThanOrEqualTo(profile.maxEncodedBytes());
      verifyChain(
          plan, dir, dir.resolve(spec.id() + ".pem"), spec.issuer().orElse(null), spec.id());
    }
  }

  /** openssl verify -x509_strict of {@code leafPem} up to the root above {@code issuerId}. */
  static void verifyChain(CeremonyPlan plan, Path dir, Path leafPem, String issuerId, String label)
      throws Exception {
    List<String> untrusted = new ArrayList<>();
    String root = label;
    String current = issuerId;
    while (current != null) {
      CertificateSpec spec = plan.find(current).orElseThrow();
      if (spec.isRoot()) {
        root = current;
      } else {
        untrusted.add(current);
      }
      current = spec.issuer().orElse(null);
    }
    List<String> args = new ArrayList<>(List.of("verify", "-x509_strict", "-purpose", "any"));
    args.addAll(List.of("-CAfile", dir.resolve(root + ".pem").toString()));
    if (!untrusted.isEmpty()) {
      Path bundle = Files.createTempFile("untrusted", ".pem");
      StringBuilder pems = new StringBuilder();
      for (String id : untrusted) {
        pems.append(Files.readString(dir.resolve(id + ".pem")));
      }
      Files.writeString(bundle, pems);
      args.addAll(List.of("-untrusted", bundle.toString()));
    }
    args.add(leafPem.toString());
    Openssl.Result result = Openssl.run(args.toArray(String[]::new));
    assertThat(result.exitCode()).as("openssl verify " + label + ": " + result.output()).isZero();
    assertThat(result.output()).contains(": OK");
  }
}
