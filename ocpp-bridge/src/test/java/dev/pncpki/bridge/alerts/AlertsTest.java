package dev.pncpki.bridge.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AlertsTest {
  private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
  private static final Set<Alert.Kind> CAS = Set.of(Alert.Kind.CA_CERTIFICATE_EXPIRING);
  private static final Set<Alert.Kind> CRLS = Set.of(Alert.Kind.CRL_NEAR_NEXT_UPDATE);

  private final RecordingSink sink = new RecordingSink();
  private final Alerts alerts = new Alerts(List.of(sink));

  private static Alert ca(String id, Instant notAfter, Instant now) {
    return Alert.caExpiring(id, notAfter, now);
  }

  @Test
  void raisesANewKeyOnceAndKeepsItsFirstSighting() {
    Instant end = T0.plus(Duration.ofDays(20));
    alerts.report(CAS, List.of(ca("sub-1", end, T0)));
    alerts.report(CAS, List.of(ca("sub-1", end, T0.plusSeconds(60))));
    alerts.report(CAS, List.of(ca("sub-1", end, T0.plusSeconds(120))));

    assertThat(sink.events).containsExactly("raised ca:sub-1");
    assertThat(alerts.active()).singleElement().extracting(Alert::since).isEqualTo(T0);
  }

  @Test
  void clearsAKeyNoLongerReported() {
    Instant end = T0.plus(Duration.ofDays(20));
    alerts.report(CAS, List.of(ca("sub-1", end, T0), ca("sub-2", end, T0)));
    alerts.report(CAS, List.of(ca("sub-2", end, T0)));
    alerts.report(CAS, List.of());

    assertThat(sink.events)
        .containsExactly(
            "raised ca:sub-1", "raised ca:sub-2", "cleared ca:sub-1", "cleared ca:sub-2");
    assertThat(alerts.active()).isEmpty();
  }

  @Test
  void aReportTouchesOnlyItsOwnKinds() {
    alerts.report(CAS, List.of(ca("sub-1", T0.plus(Duration.ofDays(20)), T0)));
    alerts.report(CRLS, List.of(Alert.crlUnavailable("sub-1", "http://x/1.crl", "HTTP 404", T0)));
    alerts.report(CRLS, List.of());

    assertThat(sink.events)
        .containsExactly("raised ca:sub-1", "raised crl:sub-1", "cleared crl:sub-1");
    assertThat(alerts.active()).extracting(Alert::key).containsExactly("ca:sub-1");
  }

  @Test
  void refusesAReportOutsideItsKinds() {
    assertThatThrownBy(
            () -> alerts.report(CRLS, List.of(ca("sub-1", T0.plus(Duration.ofDays(2)), T0))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(sink.events).isEmpty();
  }

  @Test
  void aRiseInSeverityIsRaisedAgainWithTheFirstSince() {
    Instant end = T0.plus(Duration.ofDays(10));
    alerts.report(CAS, List.of(ca("sub-1", end, T0)));
    Instant later = T0.plus(Duration.ofDays(5));
    alerts.report(CAS, List.of(ca("sub-1", end, later)));

    assertThat(sink.events).containsExactly("raised ca:sub-1", "raised ca:sub-1");
    Alert now = alerts.active().getFirst();
    assertThat(now.severity()).isEqualTo(Alert.Severity.CRITICAL);
    assertThat(now.since()).isEqualTo(T0);
  }

  @Test
  void eventLikeAlertsAreRaisedAndClearedByKey() {
    Alert wave = Alert.waveFailed("renew-2026", 3, 4, 10, T0);
    alerts.raise(wave);
    alerts.raise(wave);
    alerts.clear(wave.key());
    alerts.clear(wave.key());

    assertThat(sink.events)
        .containsExactly("raised campaign:renew-2026:wave:3", "cleared campaign:renew-2026:wave:3");
  }

  @Test
  void aFailingSinkDoesNotStopTheOthers() {
    RecordingSink after = new RecordingSink();
    Alerts hub =
        new Alerts(
            List.of(
                new AlertSink() {
                  @Override
                  public void raised(Alert alert) {
                    throw new IllegalStateException("sink down");
                  }

                  @Override
                  public void cleared(Alert alert) {
                    throw new IllegalStateException("sink down");
                  }
                },
                after));
    Alert wave = Alert.waveFailed("c", 1, 1, 10, T0);
    hub.raise(wave);
    hub.clear(wave.key());

    assertThat(after.events).containsExactly("raised " + wave.key(), "cleared " + wave.key());
  }

  @Test
  void activeListsCriticalFirstThenTheOldest() {
    alerts.raise(Alert.waveFailed("warn-old", 1, 1, 10, T0));
    alerts.raise(Alert.waveFailed("warn-new", 1, 1, 10, T0.plusSeconds(5)));
    alerts.raise(Alert.waveFailed("crit-new", 1, 9, 10, T0.plusSeconds(9)));
    alerts.raise(Alert.waveFailed("crit-old", 1, 9, 10, T0.plusSeconds(1)));

    assertThat(alerts.active())
        .extracting(Alert::subject)
        .containsExactly("crit-old", "crit-new", "warn-old", "warn-new");
  }

  @Test
  void aChangedDetailIsRefreshedQuietlyWithTheFirstSince() {
    List<String> refreshed = new java.util.ArrayList<>();
    alerts.subscribe(
        new AlertSink() {
          @Override
          public void raised(Alert alert) {}

          @Override
          public void cleared(Alert alert) {}

          @Override
          public void refreshed(Alert alert) {
            refreshed.add(alert.detail() + " since " + alert.since());
          }
        });
    Set<Alert.Kind> revoked = Set.of(Alert.Kind.CA_REVOKED);
    alerts.report(
        revoked, List.of(Alert.caRevoked("sub-2", "CN=S", 3, "V2GCertificate 3", "c", T0)));
    alerts.report(
        revoked,
        List.of(Alert.caRevoked("sub-2", "CN=S", 3, "V2GCertificate 3", "c", T0.plusSeconds(60))));
    assertThat(refreshed).as("the same detail is no news").isEmpty();
    alerts.report(
        revoked,
        List.of(Alert.caRevoked("sub-2", "CN=S", 1, "V2GCertificate 1", "c", T0.plusSeconds(120))));

    assertThat(sink.events)
        .as("raised once, the count going down is no new alert")
        .containsExactly("raised ca-revoked:sub-2");
    assertThat(refreshed)
        .singleElement()
        .asString()
        .contains("of 1 station(s)")
        .endsWith("since " + T0);
    assertThat(alerts.active())
        .singleElement()
        .extracting(Alert::detail)
        .asString()
        .contains("of 1 station(s)");
    alerts.report(revoked, List.of());
    assertThat(sink.events).containsExactly("raised ca-revoked:sub-2", "cleared ca-revoked:sub-2");
  }
}
