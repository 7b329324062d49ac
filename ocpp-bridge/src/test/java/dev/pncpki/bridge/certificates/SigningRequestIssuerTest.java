package dev.pncpki.bridge.certificates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pncpki.bridge.station.Route;
import dev.pncpki.bridge.station.SecurityLog;
import dev.pncpki.bridge.store.SigningRequests;
import dev.pncpki.policies.profile.ProfileCatalog;
import dev.pncpki.policies.profile.ProfileId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One attempt at the CA for a recorded CSR: the request's own idempotency key goes to the CA; a
 * certificate becomes the request's one CertificateSigned (typed on 2.0.1, leaf then chain); an
 * unreachable or busy CA is asked again later, with backoff, up to the attempts; a refusal, or the
 * last attempt, fails the request for an operator to see.
 */
class SigningRequestIssuerTest {
  private static final SigningSettings SETTINGS = new SigningSettings(3, 3600, 3, 2, 10);

  private final RecordingSigningRequests requests = new RecordingSigningRequests();
  private final List<String> events = new ArrayList<>();
  private final List<String> keysAsked = new ArrayList<>();
  private CaClient.CaException refusal;

  private final Issuer ca =
      (profile, csr, identity, root, idempotencyKey) -> {
        keysAsked.add(idempotencyKey);
        if (refusal != null) {
          throw refusal;
        }
        return new CaClient.Issued("0A1B", "LEAF\n", "SUBCA2\nSUBCA1\n");
      };

  private final SigningRequestIssuer issuer =
      new SigningRequestIssuer(
          requests,
          ca,
          new SecurityLog() {
            @Override
            public void bridge(String stationId, String type, String detail) {
              events.add(stationId + " " + type + " " + detail);
            }

            @Override
            public void station(String stationId, String type, String detail) {}
          },
          (delivery, answer) -> {},
          SETTINGS,
          4);

  @AfterEach
  void close() {
    issuer.close();
  }

  private static SigningRequests.Pending request(Route route, int attempts) {
    return new SigningRequests.Pending(
        42,
        "CS-T1",
        route == Route.OCPP16 ? "ChargingStationCertificate" : "V2GCertificate",
        route,
        "csr",
        ProfileCatalog.byLabel(ProfileId.SECC_LEAF.label()),
        "DEPNCS0001",
        java.util.Optional.empty(),
        route == Route.OCPP21 ? java.util.Optional.of(7) : java.util.Optional.empty(),
        "ocpp-csr-key-of-42",
        attempts);
  }

  @Test
  void anIssuedCertificateBecomesTheRequestsOneCertificateSigned() {
    issuer.attempt(request(Route.OCPP201, 1));

    assertThat(keysAsked).containsExactly("ocpp-csr-key-of-42");
    var settled = requests.settled.get(0);
    assertThat(settled.kind()).isEqualTo("issued");
    assertThat(settled.detail()).isEqualTo("0A1B");
    var signed = settled.delivery().orElseThrow();
    assertThat(signed.action()).isEqualTo("CertificateSigned");
    assertThat(signed.route()).isEqualTo(Route.OCPP201);
    assertThat(signed.dedupKey()).contains("signing request 42");
    assertThat(signed.payload().path("certificateChain").asText())
        .isEqualTo("LEAF\nSUBCA2\nSUBCA1\n");
    assertThat(signed.payload().path("certificateType").asText()).isEqualTo("V2GCertificate");
    assertThat(events).isEmpty();
  }

  @Test
  void ocpp16CertificateSignedHasNoType() {
    issuer.attempt(request(Route.OCPP16, 1));

    var signed = requests.settled.get(0).delivery().orElseThrow();
    assertThat(signed.payload().has("certificateType")).isFalse();
    assertThat(signed.route()).isEqualTo(Route.OCPP16);
  }

  @Test
  void ocpp21CertificateSignedRepeatsTheStationsRequestId() {
    issuer.attempt(request(Route.OCPP21, 1));

    var signed = requests.settled.get(0).delivery().orElseThrow();
    assertThat(signed.route()).isEqualTo(Route.OCPP21);
    assertThat(signed.payload().path("requestId").asInt()).isEqualTo(7);
    assertThat(signed.payload().path("certificateType").asText()).isEqualTo("V2GCertificate");
    // 2.0.1 has no requestId: none is sent
    issuer.attempt(request(Route.OCPP201, 1));
    assertThat(requests.settled.get(1).delivery().orElseThrow().payload().has("requestId"))
        .isFalse();
  }

  @Test
  void wrappedPlugAndChargeCertificateSignedIsTyped() {
    issuer.attempt(request(Route.OCPP16_PNC, 1));

    var signed = requests.settled.get(0).delivery().orElseThrow();
    assertThat(signed.payload().has("certificateType")).isTrue();
  }

  @Test
  void anUnreachableCaIsAskedAgainLaterWithBackoff() {
    refusal = new CaClient.CaException(0, "", "connection refused");

    issuer.attempt(request(Route.OCPP201, 1));
    issuer.attempt(request(Route.OCPP201, 2));

    assertThat(requests.settled)
        .extracting(RecordingSigningRequests.Settled::detail)
        .containsExactly("2 s: connection refused", "4 s: connection refused");
    assertThat(events).isEmpty();
  }

  @Test
  void aBusyCaAndAnIssuanceInProgressAreAskedAgain() {
    for (var busy :
        List.of(
            new CaClient.CaException(503, "database-unavailable", "busy"),
            new CaClient.CaException(429, "", "too many"),
            new CaClient.CaException(409, "issuance-in-progress", "in progress"))) {
      assertThat(busy.transientFailure()).as(busy.getMessage()).isTrue();
    }
    assertThat(new CaClient.CaException(409, "idempotency-key-reused", "").transientFailure())
        .isFalse();
    assertThat(new CaClient.CaException(400, "profile-violation", "").transientFailure()).isFalse();
  }

  @Test
  void theLastAttemptFailsTheRequestWithItsReason() {
    refusal = new CaClient.CaException(0, "", "connection refused");

    issuer.attempt(request(Route.OCPP201, 3));

    var settled = requests.settled.get(0);
    assertThat(settled.kind()).isEqualTo("failed");
    assertThat(settled.detail()).isEqualTo("attempt 3: connection refused");
    var unsigned = settled.delivery().orElseThrow();
    assertThat(unsigned.action()).isEqualTo("CertificateSigned");
    assertThat(unsigned.payload().has("certificateChain")).as("no certificate in it").isFalse();
    assertThat(events)
        .containsExactly("CS-T1 IssuanceFailed V2GCertificate: attempt 3: connection refused");
  }

  @Test
  void aRefusalByTheCaFailsTheRequestAtOnce() {
    refusal = new CaClient.CaException(400, "profile-violation", "CA answered 400 CN too long");

    issuer.attempt(request(Route.OCPP201, 1));

    assertThat(requests.settled.get(0).kind()).isEqualTo("failed");
    assertThat(events).singleElement().asString().contains("IssuanceFailed", "CN too long");
  }

  @Test
  void aRequestSettledMeanwhileByAnotherInstanceIsLeftAlone() {
    requests.settledAlready = true;
    refusal = new CaClient.CaException(400, "profile-violation", "refused");

    issuer.attempt(request(Route.OCPP201, 1));

    assertThat(requests.settled).isEmpty();
    assertThat(events).as("the instance that settled it reported it").isEmpty();
  }
}
