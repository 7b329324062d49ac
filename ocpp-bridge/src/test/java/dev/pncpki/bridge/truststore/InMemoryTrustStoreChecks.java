package dev.pncpki.bridge.truststore;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/** {@link TrustStoreChecks} in memory, for unit tests. */
final class InMemoryTrustStoreChecks implements TrustStoreChecks {
  private final Map<String, Check> checks = new TreeMap<>();

  @Override
  public synchronized Optional<Check> find(String stationId) {
    return Optional.ofNullable(checks.get(stationId));
  }

  @Override
  public synchronized List<Check> all() {
    return List.copyOf(checks.values());
  }

  @Override
  public synchronized void queried(String stationId, long delivery) {
    Check c = checks.get(stationId);
    checks.put(
        stationId,
        c == null
            ? new Check(
                stationId,
                Optional.of(delivery),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                0,
                0,
                "",
                "",
                0,
                List.of())
            : new Check(
                stationId,
                Optional.of(delivery),
                c.evaluated(),
                c.checkedAt(),
                c.inSync(),
                c.missing(),
                c.extra(),
                c.detail(),
                c.differenceSha256(),
                c.rounds(),
                c.changes()));
  }

  @Override
  public synchronized void evaluated(
      String stationId,
      long query,
      Instant at,
      TrustStoreDiff.Comparison comparison,
      String differenceSha256,
      int rounds,
      List<Long> changes) {
    Check c = checks.get(stationId);
    checks.put(
        stationId,
        new Check(
            stationId,
            c.query(),
            Optional.of(query),
            Optional.of(at),
            Optional.of(comparison.inSync()),
            comparison.missing().size(),
            comparison.extra().size(),
            comparison.why(),
            differenceSha256,
            rounds,
            List.copyOf(changes)));
  }

  @Override
  public synchronized void unanswered(String stationId, long query, Instant at, String why) {
    Check c = checks.get(stationId);
    checks.put(
        stationId,
        new Check(
            stationId,
            c.query(),
            Optional.of(query),
            Optional.of(at),
            Optional.empty(),
            0,
            0,
            why,
            "",
            0,
            List.of()));
  }

  @Override
  public <T> Optional<T> exclusively(Supplier<T> pass) {
    return Optional.of(pass.get());
  }
}
