package dev.pncpki.ca.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pncpki.ca.testing.Csrs;
import dev.pncpki.ca.testing.OpenBao;
import dev.pncpki.ca.testing.OpenBaoExtension;
import dev.pncpki.ca.testing.Openssl;
import dev.pncpki.policies.profile.CertificateView;
import dev.pncpki.policies.profile.CrlDistributionRule;
import dev.pncpki.policies.profile.OcspAccessRule;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every revocation pointer answers: the IT walks every certificate the service holds (the
 * hierarchy's rows and one issued certificate of each profile it issues, ISO 15118-2, -20 P-521,
 * the OEM test PKI, OCPP CSMS and station certificates) and fetches each URL in it as a relying
 * party would, without a credential: the AIA's OCSP responder through {@code openssl ocsp}, which
 * must verify the answer up to the root and find the certificate good; the CRL distribution point
 * with an HTTP GET, whose CRL {@code openssl crl} must verify with the issuer's key and which must
 * not list the certificate. Keys in a real OpenBao, rows in a real PostgreSQL.
 */
@ExtendWith(OpenBaoExtension.class)
class RevocationPointersIT {
  @TempDir static Path dir;
  static RunningCa ca;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  /** One certificate of each profile the demo hierarchy issues through the API. */
  static final Map<String, String> ISSUED = new LinkedHashMap<>();

  static {
    ISSUED.put("secc-leaf", "CN=DE-ICE-S-00003C4D557878675645330967543476-2, O=Demo CPO, C=DE");
    ISSUED.put("charging-station-client", "CN=CS-POINTERS-1, O=Demo CPO");
    ISSUED.put("csms-server", "CN=csms.example.test, O=Demo CPO");
    ISSUED.put("contract-leaf", "CN=DE8AACA2B3C4D5L, O=Demo MO");
    ISSUED.put("contract-leaf@iso15118-20-p521", "CN=DEPNCA2B3C4D5ES, O=Demo MO");
    ISSUED.put("oem-provisioning-leaf", "CN=WMIDEMO0000000003, O=Demo OEM");
  }

  @BeforeAll
  static void start(OpenBao bao) throws Exception {
    ca =
        new RunningCa(
            dir,
            "{type: vault, address: \"%s\", token: \"%s\"}"
                .formatted(bao.address(), bao.serviceToken()),
            true);
    for (var e : ISSUED.entrySet()) {
      String csr = e.getKey().endsWith("p521") ? Csrs.p521(e.getValue()) : Csrs.p256(e.getValue());
      var reply = ca.issue(e.getKey(), csr, RunningCa.ADMIN);
      assertThat(reply.status()).as(e.getKey() + ": " + reply.body()).isEqualTo(201);
    }
  }

  @AfterAll
  static void stop() {
    ca.close();
  }

  /** A stored certificate with where its issuer's chain is. */
  record Held(String issuerId, String profile, X509CertificateHolder certificate) {}

  @Test
  void everyUrlInEveryCertificateAnswersForIt() throws Exception {
    List<Held> held =
        ca.jdbi()
            .withHandle(
                h ->
                    h.createQuery(
                            "select issuer_id, profile, certificate from certificate"
                                + " where status = 'issued' order by created_at")
                        .map(
                            (rs, ctx) ->
                                new Held(rs.getString(1), rs.getString(2), holder(rs.getBytes(3))))
                        .list());
    JsonNode cas = ca.get("/v1/cas", null).json();
    assertThat(held).hasSize(cas.size() + ISSUED.size());
    assertThat(held).extracting(Held::profile).containsAll(ISSUED.keySet());
    Map<String, String> responders = new HashMap<>();
    cas.forEach(c -> responders.put(c.path("id").asText(), c.path("ocspUrl").asText(null)));

    List<String> checked = new ArrayList<>();
    for (Held h : held) {
      var view = CertificateView.of(h.certificate());
      Optional<String> ocsp = OcspAccessRule.ocspUrl(view);
      Optional<String> crl = CrlDistributionRule.crlUrl(view);
      String label = h.profile() + " " + h.certificate().getSubject();
      boolean anchorOrSigner = h.profile().matches("(v2g|mo|oem)-root(@.*)?|ocsp-signer(@.*)?");
      assertThat(ocsp.isPresent())
          .as(label + " names an OCSP responder")
          .isEqualTo(!anchorOrSigner);
      assertThat(crl.isPresent()).as(label + " names a CRL").isEqualTo(!anchorOrSigner);
      // those without pointers are answered for by their issuer's responder all the same
      String url = ocsp.orElse(responders.get(h.issuerId()));
      assertThat(url).as(label).isEqualTo(ca.publicUrl() + "/ocsp/" + h.issuerId());
      Chain chain = chain(h.issuerId(), checked.size());
      Path pem = write("cert-" + checked.size() + ".pem", h.certificate());
      ocspSaysGood(label, pem, chain, url);
      if (crl.isPresent()) {
        assertThat(crl.get()).as(label).isEqualTo(ca.publicUrl() + "/crl/" + h.issuerId() + ".crl");
        crlVerifiesWithoutIt(label, crl.get(), chain, h.certificate().getSerialNumber());
      }
      checked.add(label);
    }
    assertThat(checked).hasSize(held.size()).hasSizeGreaterThanOrEqualTo(39);
  }

  private void ocspSaysGood(String label, Path pem, Chain chain, String url) {
    var answer =
        Openssl.run(
            "ocsp",
            "-issuer",
            chain.issuer().toString(),
            "-cert",
            pem.toString(),
            "-url",
            url,
            "-CAfile",
            chain.root().toString(),
            "-verify_other",
            chain.all().toString(),
            "-no_nonce");
    assertThat(answer.output())
        .as(label + " at " + url)
        .contains("Response verify OK")
        .contains(pem + ": good");
  }

  private void crlVerifiesWithoutIt(String label, String url, Chain chain, BigInteger serial)
      throws Exception {
    HttpResponse<byte[]> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(url)).build(),
            HttpResponse.BodyHandlers.ofByteArray());
    assertThat(response.statusCode()).as(label + " GET " + url).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).contains("application/pkix-crl");
    Path der = Files.write(dir.resolve("fetched.crl"), response.body());
    var verified =
        Openssl.run(
            "crl",
            "-inform",
            "DER",
            "-in",
            der.toString(),
            "-CAfile",
            chain.issuer().toString(),
            "-noout");
    assertThat(verified.output()).as(label + " " + url).contains("verify OK");
    assertThat(new X509CRLHolder(response.body()).getRevokedCertificate(serial))
        .as(label + " is not in " + url)
        .isNull();
  }

  /** The issuing CA's certificate, the root, and the whole chain, as PEM files. */
  record Chain(Path issuer, Path root, Path all) {}

  private Chain chain(String issuerId, int n) throws Exception {
    String pem = ca.get("/v1/cas/" + issuerId + "/chain", null).body();
    Path all = Files.writeString(dir.resolve("chain-" + n + ".pem"), pem);
    Path issuer = Files.writeString(dir.resolve("issuer-" + n + ".pem"), RunningCa.firstPem(pem));
    String last = pem.substring(pem.lastIndexOf("-----BEGIN CERTIFICATE-----"));
    Path root = Files.writeString(dir.resolve("root-" + n + ".pem"), last);
    return new Chain(issuer, root, all);
  }

  private static Path write(String name, X509CertificateHolder certificate) throws Exception {
    return Files.writeString(dir.resolve(name), dev.pncpki.ca.pem.Pem.of(certificate));
  }

  private static X509CertificateHolder holder(byte[] der) {
    try {
      return new X509CertificateHolder(der);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
