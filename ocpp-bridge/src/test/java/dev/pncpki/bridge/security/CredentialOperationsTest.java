package dev.pncpki.bridge.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pncpki.bridge.audit.AdminAudit;
import dev.pncpki.bridge.ocpp.OcppVersion;
import dev.pncpki.bridge.outbox.Delivery;
import dev.pncpki.bridge.outbox.InMemoryOutbox;
import dev.pncpki.bridge.station.CertificateBinding;
import dev.pncpki.bridge.station.InMemoryStations;
import dev.pncpki.bridge.station.PasswordHash;
import dev.pncpki.bridge.station.SecurityProfile;
import dev.pncpki.bridge.station.Station;
import dev.pncpki.bridge.station.StationRefusal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Password rotation and security-profile upgrades on in-memory stores: what is staged, what goes to
 * the station, and what each answer does.
 */
class CredentialOperationsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final InMemoryStations stations = new InMemoryStations();
  private final InMemoryOutbox outbox = new InMemoryOutbox();
  private final List<AdminAudit.AdminEvent> audit = new ArrayList<>();
  private final Map<String, OcppVersion> versions = new java.util.HashMap<>();
  private final PasswordRotation rotation =
      new PasswordRotation(
          stations,
          stations,
          id -> Optional.ofNullable(versions.get(id)),
          outbox,
          true,
          audit::add);
  private final ProfileUpgrade upgrades =
      new ProfileUpgrade(
          stations,
          stations,
          id -> Optional.ofNullable(versions.get(id)),
          outbox,
          Optional.of("wss://csms.example:8443/ocpp"),
          audit::add);
  private final CredentialAnswers answers =
      new CredentialAnswers(stations, stations, outbox, audit::add);

  private void station(String id, SecurityProfile profile, OcppVersion version) {
    stations.add(
        Station.registered(
            id,
            profile,
            profile.usesPassword()
                ? Optional.of(PasswordHash.of("old-password-0000"))
                : Optional.empty(),
            Optional.of(new CertificateBinding.CommonName(id)),
            Optional.empty(),
            Optional.empty(),
            List.of(),
            "test",
            Instant.EPOCH));
    versions.put(id, version);
  }

  private Delivery last() {
    return outbox.find(outbox.requests().size()).orElseThrow();
  }

  private void answer(String json) throws Exception {
    answers.answered(last(), JSON.readTree(json));
  }

  @Test
  void aRotationStagesTheHashSealsThePasswordAndAnAcceptedAnswerPromotesIt() throws Exception {
    station("CS-1", SecurityProfile.BASIC, OcppVersion.OCPP201);
    var r = rotation.rotate("ops", "CS-1", Optional.empty());
    String password = r.generatedPassword().orElseThrow();
    Delivery.Request sent = outbox.requests().get(0);
    assertThat(sent.action()).isEqualTo("SetVariables");
    assertThat(sent.secret()).contains(password);
    assertThat(sent.payload().toString()).doesNotContain(password).contains(Delivery.SECRET);
    Station staged = stations.find("CS-1").orElseThrow();
    assertThat(PasswordHash.matches(password, staged.pendingPasswordHash().orElseThrow())).isTrue();
    answer(
        "{\"setVariableResult\": [{\"attributeStatus\": \"Accepted\", \"component\": {\"name\": \"SecurityCtrlr\"}, \"variable\": {\"name\": \"BasicAuthPassword\"}}]}");
    Station after = stations.find("CS-1").orElseThrow();
    assertThat(after.pendingPasswordHash()).isEmpty();
    assertThat(PasswordHash.matches(password, after.passwordHash().orElseThrow())).isTrue();
    assertThat(audit)
        .extracting(AdminAudit.AdminEvent::outcome)
        .containsExactly("sent", "accepted");
  }

  @Test
  void aRefusedRotationKeepsTheOldPasswordAndARebootKeepsBoth() throws Exception {
    station("CS-16", SecurityProfile.BASIC, OcppVersion.OCPP16);
    rotation.rotate("ops", "CS-16", Optional.empty());
    assertThat(last().action()).isEqualTo("ChangeConfiguration");
    answer("{\"status\": \"Rejected\"}");
    Station s = stations.find("CS-16").orElseThrow();
    assertThat(s.pendingPasswordHash()).isEmpty();
    assertThat(PasswordHash.matches("old-password-0000", s.passwordHash().orElseThrow())).isTrue();

    rotation.rotate("ops", "CS-16", Optional.of("0123456789abcdef0123456789abcdef"));
    answer("{\"status\": \"RebootRequired\"}");
    assertThat(stations.find("CS-16").orElseThrow().pendingPasswordHash()).isPresent();

    // while a new password is under way, another one is refused: whichever the station took,
    // the bridge would hold the other
    int sent = outbox.requests().size();
    assertRefused(
        () -> rotation.rotate("ops", "CS-16", Optional.empty()),
        StationRefusal.Reason.CHANGE_PENDING);
    assertThat(outbox.requests()).hasSize(sent);
  }

  @Test
  void rotationsThatCannotWorkAreRefusedBeforeAnythingIsSent() {
    station("CS-3", SecurityProfile.CLIENT_CERTIFICATE, OcppVersion.OCPP201);
    station("CS-16", SecurityProfile.BASIC, OcppVersion.OCPP16);
    stations.add(InMemoryStations.basic("CS-NEW", "x-password-000000"));
    assertRefused(
        () -> rotation.rotate("ops", "CS-3", Optional.empty()),
        StationRefusal.Reason.INVALID_FIELD);
    assertRefused(
        () -> rotation.rotate("ops", "CS-NEW", Optional.empty()),
        StationRefusal.Reason.NOT_CONNECTED_YET);
    assertRefused(
        () -> rotation.rotate("ops", "NOPE", Optional.empty()),
        StationRefusal.Reason.UNKNOWN_STATION);
    assertRefused(
        () -> rotation.rotate("ops", "CS-16", Optional.of("not-hex-but-long-enough")),
        StationRefusal.Reason.INVALID_PASSWORD);
    assertRefused(
        () -> rotation.rotate("ops", "CS-16", Optional.of("short")),
        StationRefusal.Reason.PASSWORD_TOO_SHORT);
    assertThat(outbox.requests()).isEmpty();
    assertThat(audit).allMatch(e -> e.outcome().equals("refused"));
  }

  @Test
  void anUpgradeSendsEachStepAfterTheLastWasAcceptedAndARefusalEndsIt() throws Exception {
    station("CS-UP", SecurityProfile.BASIC, OcppVersion.OCPP201);
    upgrades.upgrade(
        "ops",
        "CS-UP",
        2,
        Optional.empty(),
        new ProfileUpgrade.Options(Optional.empty(), Optional.empty(), Optional.empty()));
    assertThat(stations.find("CS-UP").orElseThrow().targetProfile())
        .contains(SecurityProfile.BASIC_TLS);
    assertThat(last().action()).isEqualTo("SetNetworkProfile");
    assertThat(last().payload().path("connectionData").path("ocppCsmsUrl").asText())
        .isEqualTo("wss://csms.example:8443/ocpp");
    answer("{\"status\": \"Accepted\"}");
    assertThat(last().action()).isEqualTo("SetVariables");
    assertThat(last().payload().toString()).contains("NetworkConfigurationPriority", "1,0");
    answer(
        "{\"setVariableResult\": [{\"attributeStatus\": \"Accepted\", \"component\": {\"name\": \"OCPPCommCtrlr\"}, \"variable\": {\"name\": \"NetworkConfigurationPriority\"}}]}");
    assertThat(last().action()).isEqualTo("Reset");
    answer("{\"status\": \"Accepted\"}");
    assertThat(outbox.requests()).hasSize(3);
    // the station is at the new profile only from its first connection at it
    assertThat(stations.find("CS-UP").orElseThrow().profile()).isEqualTo(SecurityProfile.BASIC);

    station("CS-NO", SecurityProfile.BASIC, OcppVersion.OCPP201);
    upgrades.upgrade(
        "ops",
        "CS-NO",
        2,
        Optional.empty(),
        new ProfileUpgrade.Options(Optional.of(2), Optional.of("2,1,0"), Optional.empty()));
    answer("{\"status\": \"Rejected\"}");
    assertThat(stations.find("CS-NO").orElseThrow().targetProfile()).isEmpty();
  }

  @Test
  void downgradesMissingBindingsAndAMissingTlsAddressAreRefused() {
    station("CS-2", SecurityProfile.BASIC_TLS, OcppVersion.OCPP201);
    var none = new ProfileUpgrade.Options(Optional.empty(), Optional.empty(), Optional.empty());
    assertRefused(
        () -> upgrades.upgrade("ops", "CS-2", 1, Optional.empty(), none),
        StationRefusal.Reason.PROFILE_DOWNGRADE);
    assertRefused(
        () -> upgrades.upgrade("ops", "CS-2", 2, Optional.empty(), none),
        StationRefusal.Reason.PROFILE_DOWNGRADE);
    stations.add(InMemoryStations.basic("CS-NB", "x-password-000000"));
    versions.put("CS-NB", OcppVersion.OCPP201);
    assertRefused(
        () -> upgrades.upgrade("ops", "CS-NB", 3, Optional.empty(), none),
        StationRefusal.Reason.CERTIFICATE_BINDING_REQUIRED);
    var noTls =
        new ProfileUpgrade(
            stations,
            stations,
            id -> Optional.of(OcppVersion.OCPP201),
            outbox,
            Optional.empty(),
            audit::add);
    assertRefused(
        () -> noTls.upgrade("ops", "CS-NB", 2, Optional.empty(), none),
        StationRefusal.Reason.NOT_CONFIGURED);
    var noTls16 =
        new ProfileUpgrade(
            stations,
            stations,
            id -> Optional.of(OcppVersion.OCPP16),
            outbox,
            Optional.empty(),
            audit::add);
    assertRefused(
        () -> noTls16.upgrade("ops", "CS-NB", 2, Optional.empty(), none),
        StationRefusal.Reason.NOT_CONFIGURED);
    assertThat(outbox.requests()).isEmpty();
    assertThat(stations.find("CS-NB").orElseThrow().targetProfile()).isEmpty();

    // an upgrade under way is replaced only by a higher one
    upgrades.upgrade("ops", "CS-NB", 2, Optional.empty(), none);
    assertRefused(
        () -> upgrades.upgrade("ops", "CS-NB", 2, Optional.empty(), none),
        StationRefusal.Reason.PROFILE_DOWNGRADE);
    upgrades.upgrade(
        "ops", "CS-NB", 3, Optional.of(new CertificateBinding.CommonName("CS-NB")), none);
    assertThat(stations.find("CS-NB").orElseThrow().targetProfile())
        .contains(SecurityProfile.CLIENT_CERTIFICATE);
  }

  private static void assertRefused(Runnable call, StationRefusal.Reason reason) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            StationRefusal.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }
}
