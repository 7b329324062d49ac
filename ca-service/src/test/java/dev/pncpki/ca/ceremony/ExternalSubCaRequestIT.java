package dev.pncpki.ca.ceremony;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pncpki.ca.testing.Openssl;
import dev.pncpki.ca.testing.OpensslRootOperator;
import dev.pncpki.policies.profile.ProfileCatalog;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The request the ceremony writes for an external Sub-CA, as an external root operator working with
 * the openssl command line receives it: it verifies, and signed with the operator's Sub-CA
 * extensions it becomes a certificate that chains to the operator's root and keeps our profile.
 */
class ExternalSubCaRequestIT {
  @TempDir Path dir;

  @Test
  void aRootOperatorOnOpensslSignsTheRequestIntoAProfileConformantSubCa() throws Exception {
    var made = TestHierarchy.in(dir);
    var outcome =
        made.run(
                """
                certificates:
                  - {id: cpo-sub-ca-1-ext, profile: cpo-sub-ca-1, external: true, validityDays: 1000,
                     subject: {commonName: Demo CPO Sub-CA 1 under Ext, organization: Demo CPO, country: DE}}
                """,
                Instant.now().truncatedTo(ChronoUnit.SECONDS))
            .getFirst();
    Path request = outcome.request().orElseThrow();
    assertThat(Openssl.run("req", "-in", request.toString(), "-noout", "-verify").output())
        .contains("verify OK");

    var operator =
        OpensslRootOperator.create(
            dir.resolve("operator"),
            "/CN=Ext V2G Root CA/O=Ext Root Operator/C=DE/DC=V2G",
            "prime256v1");
    Path signed = operator.sign(request, "v3_sub_ca_1", "cpo-sub-ca-1-ext", 1000);

    var verify =
        Openssl.run(
            "verify", "-x509_strict", "-CAfile", operator.root.toString(), signed.toString());
    assertThat(verify.output()).contains(signed + ": OK");
    X509CertificateHolder certificate;
    try (var parser = new PEMParser(new StringReader(Files.readString(signed)))) {
      certificate = (X509CertificateHolder) parser.readObject();
    }
    assertThat(certificate.getSubjectPublicKeyInfo())
        .isEqualTo(
            made.backend()
                .findKey(new dev.pncpki.ca.keys.KeyName("pnc-cpo-sub-ca-1-ext"))
                .orElseThrow()
                .publicKey());
    assertThat(ProfileCatalog.byLabel("cpo-sub-ca-1").violations(certificate)).isEmpty();
  }
}
