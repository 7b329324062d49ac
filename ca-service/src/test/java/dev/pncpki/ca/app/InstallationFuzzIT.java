package dev.pncpki.ca.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pncpki.ca.testing.Csrs;
import dev.pncpki.ca.testing.OpenBao;
import dev.pncpki.ca.testing.OpenBaoExtension;
import dev.pncpki.ca.testing.Openssl;
import dev.pncpki.contract.exi.ExiMutations;
import dev.pncpki.contract.exi.V2gExi;
import dev.pncpki.contract.installation.CertificateMessages;
import dev.pncpki.contract.installation.Iso20CertificateMessages;
import dev.pncpki.contract.installation.RootCertificateId;
import dev.pncpki.contract.installation.XmlSignature;
import dev.pncpki.policies.id.Emaid;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile EXI through the CA's HTTP API, as a charging station can send it with OCPP
 * Get15118EVCertificate: a few hundred variants of a valid ISO 15118-2 and -20
 * CertificateInstallationReq (bit flips, truncations, inserted bytes, lengths inflated to 2^31 - 1,
 * oversized integers) each get a {@code 400 malformed-request} problem or a response with an ISO
 * 15118 ResponseCode, never a 5xx; while they arrive, and after, the CA answers OCSP (the request
 * made by openssl), its CRL and its health check.
 */
@ExtendWith(OpenBaoExtension.class)
class InstallationFuzzIT {
  private static final long SEED = 20;
  private static final int MIXED = 150;
  private static final int INFLATIONS = 60;

  @TempDir static Path dir;
  static RunningCa ca;
  static Path schemas;
  static byte[] ocspRequest;

  @BeforeAll
  static void start(OpenBao bao) throws Exception {
    schemas = Path.of(System.getProperty("pnc.iso15118"), "iso15118", "shared", "schemas");
    ca =
        new RunningCa(
            dir,
            "{type: vault, address: \"%s\", token: \"%s\"}"
                .formatted(bao.address(), bao.serviceToken()),
            true,
            "{type: http, bindHost: 127.0.0.1, port: 0}",
            "iso15118SchemaDirectory: \"%s\"\niso15118_20SchemaDirectory: \"%s\""
                .formatted(schemas.resolve("iso15118_2"), schemas.resolve("iso15118_20")),
            java.net.http.HttpClient.newHttpClient());
    ocspRequest = ocspRequestForAStation();
  }

  @AfterAll
  static void stop() {
    ca.close();
  }

  @Test
  void mutatedIso2RequestsAreRefusedOrAnswered() throws Exception {
    var oem = new OemPki("OEM F", "secp256r1");
    ContractIT.trust(ca, oem.root);
    var vehicle = oem.vehicle("WMA00000000000091");
    assertThat(ContractIT.uploadTo(ca, oem, vehicle, RunningCa.OEM_A).status()).isEqualTo(201);
    String emaid = Emaid.allocate("DE", "PNC", "FUZZ00001").value();
    var contract =
        ca.postJson(
            "/v1/contracts", RunningCa.MO_X, Map.of("pcid", vehicle.pcid(), "emaid", emaid));
    assertThat(contract.status()).as(contract.body()).isEqualTo(201);
    X509Certificate root = root("v2g-root");
    var messages = new CertificateMessages(exi("iso15118_2/V2G_CI_MsgDef.xsd"));
    byte[] valid =
        messages.installationRequest(
            "1A2B3C4D5E6F7081",
            vehicle.certificate().getEncoded(),
            List.of(
                new RootCertificateId(
                    root.getSubjectX500Principal().getName(), root.getSerialNumber())),
            XmlSignature.RawSigner.of(vehicle.key().getPrivate()));
    fuzz(CertificateMessages.NAMESPACE, valid);
  }

  @Test
  void mutatedIso20RequestsAreRefusedOrAnswered() throws Exception {
    var oem = new OemPki("OEM F P-521", "secp521r1");
    ContractIT.trust(ca, oem.root);
    var vehicle = oem.vehicle("WMA000000000000092");
    assertThat(ContractIT.uploadTo(ca, oem, vehicle, RunningCa.OEM_A).status()).isEqualTo(201);
    var contract =
        ca.postJson(
            "/v1/contracts",
            RunningCa.MO_X,
            Map.of(
                "pcid", vehicle.pcid(), "xsdMsgDefNamespace", Iso20CertificateMessages.NAMESPACE));
    assertThat(contract.status()).as(contract.body()).isEqualTo(201);
    X509Certificate root = root("v2g-root-p521");
    var messages = new Iso20CertificateMessages(exi("iso15118_20/V2G_CI_CommonMessages.xsd"));
    byte[] valid =
        messages.installationRequest(
            "1A2B3C4D5E6F7081",
            1_763_800_000L,
            List.of(
                vehicle.certificate().getEncoded(), oem.sub2.getEncoded(), oem.sub1.getEncoded()),
            List.of(
                new RootCertificateId(
                    root.getSubjectX500Principal().getName(), root.getSerialNumber())),
            1,
            XmlSignature.RawSigner.of(
                vehicle.key().getPrivate(), XmlSignature.Algorithm.ECDSA_P521_SHA512));
    fuzz(Iso20CertificateMessages.NAMESPACE, valid);
  }

  /** One byte over the decoder's limit is refused as malformed, whatever it holds. */
  @Test
  void aRequestOverTheMessageLimitIsRefused() throws Exception {
    var reply = install(CertificateMessages.NAMESPACE, new byte[V2gExi.MAX_MESSAGE_BYTES + 1]);
    assertThat(reply.status()).as(reply.body()).isEqualTo(400);
    assertThat(reply.json().path("code").asText()).isEqualTo("malformed-request");
    assertThat(reply.json().path("detail").asText()).contains(V2gExi.MAX_MESSAGE_BYTES + " bytes");
  }

  /**
   * Sends the valid request and its variants while another thread asks OCSP; every variant gets a
   * 400 problem or a 200 answer with a ResponseCode, and OCSP, the CRL and the health check answer.
   */
  private static void fuzz(String namespace, byte[] valid) throws Exception {
    var answer = install(namespace, valid);
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    assertThat(answer.json().path("responseCode").asText()).isEqualTo("OK");

    Random random = new Random(SEED);
    List<ExiMutations.Mutation> mutations =
        new ArrayList<>(ExiMutations.mixed(valid, random, MIXED));
    List<ExiMutations.Mutation> inflations = ExiMutations.inflations(valid);
    for (int i = 0; i < INFLATIONS; i++) {
      mutations.add(inflations.get(random.nextInt(inflations.size())));
    }
    AtomicBoolean done = new AtomicBoolean();
    AtomicInteger ocspAnswers = new AtomicInteger();
    List<String> ocspFailures = new java.util.concurrent.CopyOnWriteArrayList<>();
    Thread prober = Thread.ofPlatform().start(() -> probeOcsp(done, ocspAnswers, ocspFailures));
    List<String> failures = new ArrayList<>();
    int refused = 0;
    int answered = 0;
    try {
      for (var mutation : mutations) {
        var reply = install(namespace, mutation.bytes());
        if (reply.status() == 400
            && reply.json().path("code").asText().equals("malformed-request")) {
          refused++;
        } else if (reply.status() == 200 && !reply.json().path("responseCode").asText().isEmpty()) {
          answered++;
        } else {
          failures.add(mutation.kind() + ": " + reply.status() + " " + reply.body());
        }
      }
    } finally {
      done.set(true);
      prober.join();
    }
    System.out.printf(
        "%s: %d variants over HTTP, %d refused (400), %d answered with a ResponseCode; %d OCSP"
            + " answers meanwhile%n",
        namespace, mutations.size(), refused, answered, ocspAnswers.get());
    assertThat(failures).as(namespace).isEmpty();
    assertThat(refused).isPositive();
    assertThat(ocspFailures).isEmpty();
    assertThat(ocspAnswers.get()).isPositive();
    assertStillServing();
  }

  private static void probeOcsp(AtomicBoolean done, AtomicInteger answers, List<String> failures) {
    while (!done.get()) {
      try {
        String problem = ocspProblem(ca.ocsp("cpo-sub-ca-2", ocspRequest));
        if (problem != null) {
          failures.add(problem);
        }
        answers.incrementAndGet();
        Thread.sleep(50);
      } catch (Exception e) {
        failures.add(e.toString());
        return;
      }
    }
  }

  /** Null if the OCSP answer is a successful, signed "good" for the station's certificate. */
  private static String ocspProblem(RunningCa.Reply reply) throws Exception {
    if (reply.status() != 200) {
      return "OCSP HTTP " + reply.status();
    }
    var response = new OCSPResp(reply.raw().body());
    if (response.getStatus() != OCSPResp.SUCCESSFUL) {
      return "OCSP status " + response.getStatus();
    }
    var single = ((BasicOCSPResp) response.getResponseObject()).getResponses()[0];
    return single.getCertStatus() == null ? null : "not good: " + single.getCertStatus();
  }

  private static void assertStillServing() throws Exception {
    assertThat(ocspProblem(ca.ocsp("cpo-sub-ca-2", ocspRequest))).isNull();
    assertThat(ca.get("/crl/cpo-sub-ca-2.crl", null).status()).isEqualTo(200);
    var http = java.net.http.HttpClient.newHttpClient();
    var health =
        http.send(
            java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + ca.adminPort() + "/healthcheck"))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
  }

  /** A station certificate from the CA, and openssl's OCSP request for it. */
  private static byte[] ocspRequestForAStation() throws Exception {
    var issued =
        ca.issue("charging-station-client", Csrs.p256("CN=CS-FUZZ-1, O=Demo CPO"), RunningCa.ADMIN);
    assertThat(issued.status()).as(issued.body()).isEqualTo(201);
    Path leaf = dir.resolve("station.pem");
    Files.writeString(leaf, issued.json().path("certificate").asText());
    Path issuer = dir.resolve("cpo-sub-ca-2.pem");
    Files.writeString(
        issuer, RunningCa.firstPem(ca.get("/v1/cas/cpo-sub-ca-2/chain", null).body()));
    Path request = dir.resolve("ocsp-request.der");
    var made =
        Openssl.run(
            "ocsp",
            "-issuer",
            issuer.toString(),
            "-cert",
            leaf.toString(),
            "-no_nonce",
            "-reqout",
            request.toString());
    assertThat(made.exitCode()).as(made.output()).isZero();
    return Files.readAllBytes(request);
  }

  private static RunningCa.Reply install(String namespace, byte[] exi) throws Exception {
    return ca.postJson(
        "/v1/iso15118/certificate-installation",
        RunningCa.BRIDGE,
        Map.of(
            "certificateInstallationReq",
            Base64.getEncoder().encodeToString(exi),
            "xsdMsgDefNamespace",
            namespace));
  }

  private static V2gExi exi(String schema) {
    return new V2gExi(
        schemas.resolve(schema).toString(), schemas.resolve("xmldsig-core-schema.xsd").toString());
  }

  private static X509Certificate root(String caId) throws Exception {
    return InstallationIT.certificate(
        RunningCa.firstPem(ca.get("/v1/cas/" + caId + "/chain", null).body()));
  }
}
