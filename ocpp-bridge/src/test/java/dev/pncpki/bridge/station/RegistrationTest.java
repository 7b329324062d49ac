package dev.pncpki.bridge.station;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pncpki.bridge.audit.AdminAudit;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RegistrationTest {
  private final InMemoryStations registry = new InMemoryStations();
  private final List<AdminAudit.AdminEvent> audit = new ArrayList<>();
  private final Registration registration =
      new Registration(
          registry, audit::add, Clock.fixed(Instant.parse("2026-12-07T00:00:00Z"), ZoneOffset.UTC));

  private static Registration.Request request(
      String id, int profile, String password, CertificateBinding binding) {
    return new Registration.Request(
        id,
        profile,
        Optional.ofNullable(password),
        Optional.ofNullable(binding),
        Optional.of("Demo CPO"),
        Optional.of("Wallbox X"),
        List.of());
  }

  @Test
  void aStationWithoutAPasswordGetsAStrongOneShownOnce() {
    var done = registration.register("ops", request("CS-NEW-1", 1, null, null));
    String password = done.generatedPassword().orElseThrow();
    assertThat(password).matches("[0-9a-f]{40}");
    Station stored = registry.find("CS-NEW-1").orElseThrow();
    assertThat(PasswordHash.matches(password, stored.passwordHash().orElseThrow())).isTrue();
    assertThat(stored.passwordHash().orElseThrow()).doesNotContain(password);
    assertThat(stored.registeredBy()).isEqualTo("ops");
    assertThat(audit)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.action()).isEqualTo("station-register");
              assertThat(e.outcome()).isEqualTo("done");
              assertThat(e.detail()).doesNotContain(password);
            });
  }

  @Test
  void aGivenPasswordIsKeptOnlyAsItsHash() {
    var done = registration.register("ops", request("CS-NEW-2", 2, "given-password-00", null));
    assertThat(done.generatedPassword()).isEmpty();
    assertThat(
            PasswordHash.matches(
                "given-password-00",
                registry.find("CS-NEW-2").orElseThrow().passwordHash().orElseThrow()))
        .isTrue();
  }

  @Test
  void eachBadRegistrationIsRefusedWithItsReasonAndStoresNothing() {
    registration.register("ops", request("CS-1", 1, null, null));
    audit.clear();
    assertRefused(request("CS-1", 1, null, null), StationRefusal.Reason.STATION_EXISTS);
    assertRefused(request("CS:1", 1, null, null), StationRefusal.Reason.INVALID_STATION_ID);
    assertRefused(request("CS/1", 1, null, null), StationRefusal.Reason.INVALID_STATION_ID);
    assertRefused(request("CS 1", 1, null, null), StationRefusal.Reason.INVALID_STATION_ID);
    assertRefused(request("C".repeat(49), 1, null, null), StationRefusal.Reason.INVALID_STATION_ID);
    assertRefused(
        request("CS-3", 3, null, null), StationRefusal.Reason.CERTIFICATE_BINDING_REQUIRED);
    assertRefused(request("CS-4", 1, "short-pass", null), StationRefusal.Reason.PASSWORD_TOO_SHORT);
    assertRefused(request("CS-5", 1, "x".repeat(41), null), StationRefusal.Reason.INVALID_PASSWORD);
    assertRefused(request("CS-6", 4, null, null), StationRefusal.Reason.INVALID_FIELD);
    assertRefused(
        request("CS-7", 3, "a-password-000000", new CertificateBinding.CommonName("CS-7")),
        StationRefusal.Reason.INVALID_FIELD);
    assertRefused(
        new Registration.Request(
            "CS-8",
            1,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            List.of("not a SECC id")),
        StationRefusal.Reason.INVALID_FIELD);
    assertThat(registry.all()).extracting(Station::id).containsExactly("CS-1");
    assertThat(audit).hasSize(11).allMatch(e -> e.outcome().equals("refused"));
  }

  private void assertRefused(Registration.Request r, StationRefusal.Reason reason) {
    assertThatThrownBy(() -> registration.register("ops", r))
        .isInstanceOfSatisfying(
            StationRefusal.class, e -> assertThat(e.reason()).isEqualTo(reason));
  }

  @Test
  void aProfileThreeStationIsBoundToItsCertificate() {
    registration.register(
        "ops", request("CS-3", 3, null, new CertificateBinding.CommonName("CS-3")));
    Station s = registry.find("CS-3").orElseThrow();
    assertThat(s.passwordHash()).isEmpty();
    assertThat(s.certificate()).contains(new CertificateBinding.CommonName("CS-3"));
  }

  @Test
  void disableEnableAndDeleteAreAuditedAndUnknownStationsRefused() {
    registration.register("ops", request("CS-1", 1, null, null));
    assertThat(registration.setEnabled("ops", "CS-1", false).enabled()).isFalse();
    assertThat(registration.setEnabled("ops", "CS-1", true).enabled()).isTrue();
    registration.delete("ops", "CS-1");
    assertThat(registry.find("CS-1")).isEmpty();
    assertThatThrownBy(() -> registration.delete("ops", "CS-1"))
        .isInstanceOfSatisfying(
            StationRefusal.class,
            e -> assertThat(e.reason()).isEqualTo(StationRefusal.Reason.UNKNOWN_STATION));
    assertThat(audit)
        .extracting(e -> e.action() + " " + e.outcome())
        .containsExactly(
            "station-register done",
            "station-disable done",
            "station-enable done",
            "station-delete done",
            "station-delete refused");
  }

  @Test
  void aSeededStationIsStoredOnceEvenAfterItWasDeleted() {
    Station seed = InMemoryStations.basic("CS-SEED", "seed-password-000");
    assertThat(registry.seed(seed)).isEqualTo(StationRegistry.Addition.ADDED);
    assertThat(registry.seed(seed)).isEqualTo(StationRegistry.Addition.SEEDED_BEFORE);
    registration.delete("ops", "CS-SEED");
    assertThat(registry.seed(seed)).isEqualTo(StationRegistry.Addition.SEEDED_BEFORE);
    assertThat(registry.find("CS-SEED")).isEmpty();
  }

  private static Registration.Request withText(String id, String operator, String model) {
    return new Registration.Request(
        id,
        1,
        Optional.empty(),
        Optional.empty(),
        Optional.ofNullable(operator),
        Optional.ofNullable(model),
        List.of());
  }

  private static Registration.Request withSecc(String id, List<String> seccIds) {
    return new Registration.Request(
        id, 1, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), seccIds);
  }

  private void refused(Registration.Request r, StationRefusal.Reason reason, String detail) {
    assertThatThrownBy(() -> registration.register("ops", r))
        .isInstanceOfSatisfying(StationRefusal.class, e -> assertThat(e.reason()).isEqualTo(reason))
        .hasMessageContaining(detail);
    assertThat(registry.find(r.id())).isEmpty();
  }

  @Test
  void anIdIsOneStationInAnyLetterCase() {
    registration.register("ops", withText("CS-CASE", null, null));
    refused(withText("cs-case", null, null), StationRefusal.Reason.STATION_EXISTS, "any case");
  }

  @Test
  void anIdOfDotsOnlyIsNotAName() {
    refused(withText("..", null, null), StationRefusal.Reason.INVALID_STATION_ID, "only dots");
    refused(withText(".", null, null), StationRefusal.Reason.INVALID_STATION_ID, "only dots");
    assertThat(registration.register("ops", withText("CS.1", null, null)).station().id())
        .isEqualTo("CS.1");
  }

  @Test
  void operatorAndModelAreTextAPersonCanRead() {
    refused(
        withText("CS-T1", "Demo\u0000CPO", null),
        StationRefusal.Reason.INVALID_FIELD,
        "operator holds a control character (U+0000)");
    refused(
        withText("CS-T2", null, "Wallbox\nINFO forged line"),
        StationRefusal.Reason.INVALID_FIELD,
        "model holds a control character (U+000A)");
    refused(
        withText("CS-T3", "Demo \u202Eevil", null),
        StationRefusal.Reason.INVALID_FIELD,
        "operator holds a bidirectional control (U+202E)");
    refused(
        withText("CS-T4", "Demo \uD800", null),
        StationRefusal.Reason.INVALID_FIELD,
        "operator holds a lone surrogate (U+D800)");
    assertThat(
            registration
                .register("ops", withText("CS-T5", "Stadtwerke Müller ⚡ 🔌", "Wallbox – X"))
                .station()
                .operator())
        .contains("Stadtwerke Müller ⚡ 🔌");
  }

  @Test
  void aCertificateCommonNameFitsRfc5280() {
    assertThatThrownBy(() -> new CertificateBinding.CommonName("x".repeat(65)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at most 64 characters");
    assertThatThrownBy(() -> new CertificateBinding.CommonName("CS\u0007"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("common name holds a control character");
    registration.register(
        "ops", request("CS-CN3", 3, null, new CertificateBinding.CommonName("x".repeat(64))));
  }

  @Test
  void aSeccIdBelongsToOneStationAndIsNamedOnce() {
    String secc = "DE-PNC-S-" + "0".repeat(33) + "7";
    registration.register("ops", withSecc("CS-S1", List.of(secc)));
    refused(
        withSecc("CS-S2", List.of(secc)),
        StationRefusal.Reason.SECC_ID_TAKEN,
        "SECC ID " + secc + " (CS-S1) is another station's");
    refused(
        withSecc("CS-S3", List.of(secc.replace("-", "").toLowerCase(java.util.Locale.ROOT))),
        StationRefusal.Reason.SECC_ID_TAKEN,
        "(CS-S1) is another station's");
    String other = "DE-PNC-S-" + "0".repeat(33) + "8";
    refused(
        withSecc("CS-S5", List.of(other, other.replace("-", ""))),
        StationRefusal.Reason.INVALID_FIELD,
        "twice");
    refused(
        withSecc("CS-S4", java.util.Arrays.asList((String) null)),
        StationRefusal.Reason.INVALID_FIELD,
        "seccIds holds null");
    assertThat(audit)
        .filteredOn(e -> e.stationId().equals(Optional.of("CS-S2")))
        .extracting(AdminAudit.AdminEvent::outcome)
        .containsExactly("refused");
  }
}
