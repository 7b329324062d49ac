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
    Station seed =
        Station.registered(
            "CS-SEED",
            SecurityProfile.BASIC,
            Optional.of(PasswordHash.of("seed-password-000")),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            List.of(),
            "configuration",
            Instant.EPOCH);
    assertThat(registry.seed(seed)).isTrue();
    assertThat(registry.seed(seed)).isFalse();
    registration.delete("ops", "CS-SEED");
    assertThat(registry.seed(seed)).isFalse();
    assertThat(registry.find("CS-SEED")).isEmpty();
  }
}
