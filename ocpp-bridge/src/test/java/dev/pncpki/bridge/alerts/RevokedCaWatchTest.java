package dev.pncpki.bridge.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pncpki.bridge.authority.Authority;
import dev.pncpki.bridge.authority.CaDirectory;
import dev.pncpki.bridge.campaign.CurrentCertificates;
import dev.pncpki.bridge.campaign.CurrentCertificates.Holding;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RevokedCaWatchTest {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final String SUB_2 = "CN=PnC Demo CPO Sub-CA 2,O=pnc-pki demo CPO,C=DE";
  private static final String SUB_2B = "CN=PnC Demo CPO Sub-CA 2B,O=pnc-pki demo CPO,C=DE";
  private static final String OCSP_2 = "CN=PnC Demo OCSP CPO Sub-CA 2,O=pnc-pki demo CPO,C=DE";

  private final List<Authority> cas = new ArrayList<>();
  private final Map<String, List<Holding>> held = new HashMap<>();
  private final List<String> asked = new ArrayList<>();
  private IOException unreachable;

  private final CaDirectory directory =
      () -> {
        if (unreachable != null) {
          throw unreachable;
        }
        return List.copyOf(cas);
      };
  private final CurrentCertificates current =
      issuer -> {
        asked.add(issuer);
        return held.getOrDefault(issuer, List.of());
      };
  private final RevokedCaWatch watch = new RevokedCaWatch(directory, current, CLOCK);

  @Test
  void aRevokedCaWithStationsIsOneCriticalAlertNamingCountsAndCommand() throws Exception {
    cas.add(new Authority("cpo-sub-ca-2", SUB_2, Authority.Status.REVOKED));
    cas.add(new Authority("cpo-sub-ca-2b", SUB_2B, Authority.Status.VALID));
    held.put(
        SUB_2,
        List.of(
            new Holding("CS-1", "V2GCertificate"),
            new Holding("CS-2", "V2GCertificate"),
            new Holding("CS-2", "ChargingStationCertificate")));
    held.put(SUB_2B, List.of(new Holding("CS-3", "V2GCertificate")));

    assertThat(watch.kinds()).isEqualTo(Set.of(Alert.Kind.CA_REVOKED));
    Alert alert = watch.current().getFirst();
    assertThat(watch.current()).hasSize(1);
    assertThat(asked).as("only revoked CAs are looked up").containsOnly(SUB_2);
    assertThat(alert.key()).isEqualTo("ca-revoked:cpo-sub-ca-2");
    assertThat(alert.severity()).isEqualTo(Alert.Severity.CRITICAL);
    assertThat(alert.since()).isEqualTo(NOW);
    assertThat(alert.detail())
        .contains("CA cpo-sub-ca-2 (" + SUB_2 + ") is revoked")
        .contains("of 2 station(s) (V2GCertificate 2, ChargingStationCertificate 1)")
        .endsWith(
            "move them: bin/pnc-bridge campaign-start rotate --revoked-ca cpo-sub-ca-2"
                + " --certificate-type V2GCertificate --watch");
  }

  @Test
  void aRevokedCaNoStationHoldsAnythingFromRaisesNothing() throws Exception {
    cas.add(new Authority("ocsp-cpo-sub-ca-2", OCSP_2, Authority.Status.REVOKED));
    cas.add(new Authority("cpo-sub-ca-2", SUB_2, Authority.Status.REVOKED));
    held.put(SUB_2, List.of());
    assertThat(watch.current()).isEmpty();
    assertThat(asked).containsExactly(OCSP_2, SUB_2);
  }

  @Test
  void validAndExpiredCasRaiseNothing() throws Exception {
    cas.add(new Authority("cpo-sub-ca-2", SUB_2, Authority.Status.VALID));
    cas.add(new Authority("old", SUB_2B, Authority.Status.EXPIRED));
    held.put(SUB_2, List.of(new Holding("CS-1", "V2GCertificate")));
    held.put(SUB_2B, List.of(new Holding("CS-1", "V2GCertificate")));
    assertThat(watch.current()).isEmpty();
    assertThat(asked).isEmpty();
  }

  @Test
  void aCaThatCannotBeReadKeepsThePreviousAlerts() {
    unreachable = new IOException("CA list: HTTP 503");
    assertThatThrownBy(watch::current).isSameAs(unreachable);
  }

  @Test
  void theHubRaisesItOnceAndClearsItWhenTheLastStationMoved() throws Exception {
    var sink = new RecordingSink();
    var hub = new Alerts(List.of(sink));
    cas.add(new Authority("cpo-sub-ca-2", SUB_2, Authority.Status.REVOKED));
    held.put(SUB_2, List.of(new Holding("CS-1", "V2GCertificate")));
    var monitor = new AlertMonitor(hub, List.of(watch), java.time.Duration.ofMinutes(1));
    assertThat(monitor.runOnce()).isZero();
    assertThat(monitor.runOnce()).isZero();
    unreachable = new IOException("down");
    assertThat(monitor.runOnce()).as("the check failed").isOne();
    assertThat(hub.active()).hasSize(1);
    unreachable = null;
    held.put(SUB_2, List.of());
    assertThat(monitor.runOnce()).isZero();
    assertThat(sink.events)
        .containsExactly("raised ca-revoked:cpo-sub-ca-2", "cleared ca-revoked:cpo-sub-ca-2");
    assertThat(hub.active()).isEmpty();
  }
}
