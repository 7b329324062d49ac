package dev.pncpki.bridge.truststore;

import dev.pncpki.bridge.ocpp.OcppVersion;
import dev.pncpki.bridge.outbox.Delivery;
import dev.pncpki.bridge.outbox.Outbox;
import dev.pncpki.bridge.outbox.RootCalls;
import dev.pncpki.bridge.trust.RootFingerprint;
import dev.pncpki.bridge.trust.TrustedRoot;
import dev.pncpki.bridge.truststore.TrustStoreChecks.Check;
import java.security.cert.CertificateEncodingException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps each connected station's trust store in line with policy ({@link TrustStoreSettings}): a
 * station is asked what it holds (GetInstalledCertificateIds for the managed types, through the
 * outbox) when it was never asked, its last answer is older than the check interval, or changes
 * were sent since; its answer is compared with {@link DesiredRoots} ({@link TrustStoreDiff}) and
 * the result kept for the fleet view; in enforce mode each missing root is installed and each root
 * beyond policy deleted (never the last of a type: a root of a type policy wants none of is kept),
 * and once those deliveries ended the station is asked again. A difference that the changes did not
 * close (the station refused them), or a third round in a row, is not chased until the next check
 * interval. Nothing is compared before the CA's trust list was read. One instance runs a pass at a
 * time.
 */
public final class TrustStoreSync implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TrustStoreSync.class);
  static final String ORIGIN = "trust-store";

  /** Rounds of changes in a row after which a remaining gap waits for the next check interval. */
  static final int MAX_ROUNDS = 3;

  /** The connected stations and their OCPP versions. */
  public interface Stations {
    List<String> connected();

    Optional<OcppVersion> version(String stationId);
  }

  private final TrustStoreChecks checks;
  private final Outbox outbox;
  private final Stations stations;
  private final Supplier<Optional<List<TrustedRoot>>> trustList;
  private final TrustStoreSettings settings;
  private final Clock clock;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> Thread.ofPlatform().daemon().name("trust-store").unstarted(r));

  public TrustStoreSync(
      TrustStoreChecks checks,
      Outbox outbox,
      Stations stations,
      Supplier<Optional<List<TrustedRoot>>> trustList,
      TrustStoreSettings settings,
      Clock clock) {
    this.checks = checks;
    this.outbox = outbox;
    this.stations = stations;
    this.trustList = trustList;
    this.settings = settings;
    this.clock = clock;
  }

  /** Passes every few seconds (a tenth of the check interval, at most a minute); off: none. */
  public void start() {
    if (settings.modeValue() == TrustStoreSettings.Mode.OFF) {
      return;
    }
    long every = Math.max(1, Math.min(60, settings.checkIntervalSeconds() / 10));
    timer.scheduleWithFixedDelay(this::safePass, every, every, TimeUnit.SECONDS);
  }

  private void safePass() {
    try {
      checks.exclusively(this::pass);
    } catch (RuntimeException e) {
      LOG.warn("trust-store pass failed: {}", e.toString());
    }
  }

  /** One pass over the connected stations; the number of CALLs sent. */
  int pass() {
    int sent = 0;
    for (String id : stations.connected()) {
      Optional<OcppVersion> version = stations.version(id);
      if (version.isPresent()) {
        sent += step(id, version.get(), checks.find(id));
      }
    }
    return sent;
  }

  private int step(String id, OcppVersion version, Optional<Check> check) {
    if (check.isPresent() && !allFinal(check.get().changes())) {
      return 0; // installs and deletes still on their way
    }
    Optional<Delivery> query = check.flatMap(Check::query).flatMap(outbox::find);
    if (query.isPresent() && !query.get().state().isFinal()) {
      return 0;
    }
    if (query.isPresent() && !check.get().evaluated().equals(Optional.of(query.get().id()))) {
      if (query.get().answer().isPresent()) {
        return evaluate(id, version, check.get(), query.get());
      }
      // refused, unreachable or cancelled: what it holds stays unknown until the next interval
      checks.unanswered(
          id,
          query.get().id(),
          clock.instant(),
          "the station did not answer GetInstalledCertificateIds: "
              + query.get().lastError().orElse(query.get().state().wire()));
      return 0;
    }
    boolean due =
        check.flatMap(Check::checkedAt).isEmpty()
            || query.isEmpty()
            || !check.get().changes().isEmpty()
            || check
                .get()
                .checkedAt()
                .get()
                .plus(Duration.ofSeconds(settings.checkIntervalSeconds()))
                .isBefore(clock.instant());
    if (!due) {
      return 0;
    }
    Delivery asked =
        outbox.enqueue(
            RootCalls.installed(id, version, managed(version), ORIGIN)
                .once(ORIGIN + " query " + id));
    checks.queried(id, asked.id());
    return 1;
  }

  private int evaluate(String id, OcppVersion version, Check check, Delivery query) {
    Optional<List<TrustedRoot>> trusted = trustList.get();
    if (trusted.isEmpty()) {
      // never compared with an unknown policy: an empty one would make every root "not wanted"
      LOG.info("station {}: trust store not compared: the CA's trust list is not read yet", id);
      return 0;
    }
    Instant now = clock.instant();
    var desired = DesiredRoots.of(trusted.get(), settings, version, now);
    var comparison =
        TrustStoreDiff.compare(desired, query.answer().get(), new HashSet<>(managed(version)));
    String difference = sha256(comparison.why());
    // rounds of changes in a row for a gap: the same gap again, or a third round, is not chased
    int rounds = check.changes().isEmpty() ? 0 : check.rounds();
    boolean repeated =
        !check.changes().isEmpty()
            && (difference.equals(check.differenceSha256()) || rounds >= MAX_ROUNDS);
    List<Long> changes = new ArrayList<>();
    if (settings.modeValue() == TrustStoreSettings.Mode.ENFORCE
        && !comparison.inSync()
        && !repeated) {
      for (var wanted : comparison.missing()) {
        String fingerprint = fingerprint(wanted);
        changes.add(
            outbox
                .enqueue(
                    RootCalls.install(id, version, wanted.certificateType(), pem(wanted), ORIGIN)
                        .once(ORIGIN + " install " + id + " " + fingerprint))
                .id());
      }
      for (var extra : comparison.extra()) {
        if (desired.stream().noneMatch(w -> w.certificateType().equals(extra.certificateType()))) {
          // policy wants no root of this type at all: deleting would leave the station with none
          LOG.warn(
              "station {}: {} serial {} is not in policy, but policy holds no {} at all: kept",
              id,
              extra.certificateType(),
              extra.serial(),
              extra.certificateType());
          continue;
        }
        changes.add(
            outbox
                .enqueue(
                    RootCalls.delete(
                            id, version, extra.hashData(), version == OcppVersion.OCPP16, ORIGIN)
                        .once(
                            ORIGIN
                                + " delete "
                                + id
                                + " "
                                + extra.hashData().path("issuerKeyHash").asText()
                                + " "
                                + extra.serial()))
                .id());
      }
    }
    if (!comparison.inSync()) {
      LOG.info(
          "station {}: trust store differs from policy{}: {}",
          id,
          repeated ? " (the changes sent did not close it; asked again later)" : "",
          comparison.why());
    }
    checks.evaluated(
        id, query.id(), now, comparison, difference, changes.isEmpty() ? 0 : rounds + 1, changes);
    return changes.size();
  }

  private List<String> managed(OcppVersion version) {
    return settings.types().stream().filter(t -> RootCalls.managedOn(version, t)).toList();
  }

  private boolean allFinal(List<Long> deliveries) {
    return deliveries.stream()
        .map(outbox::find)
        .allMatch(d -> d.isEmpty() || d.get().state().isFinal());
  }

  private static String fingerprint(DesiredRoots.Wanted wanted) {
    try {
      return RootFingerprint.of(wanted.certificate().getEncoded()).hex();
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String pem(DesiredRoots.Wanted wanted) {
    try {
      return "-----BEGIN CERTIFICATE-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
              .encodeToString(wanted.certificate().getEncoded())
          + "\n-----END CERTIFICATE-----\n";
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The stations whose trust store differs from policy, with why, for the fleet view. */
  public List<Check> differing() {
    return checks.all().stream().filter(c -> c.inSync().equals(Optional.of(false))).toList();
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }

  private static String sha256(String text) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              java.security.MessageDigest.getInstance("SHA-256")
                  .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
