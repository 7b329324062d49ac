package dev.pncpki.bridge.truststore;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Where the state of each station's trust-store check is kept, shared by the bridge instances. */
public interface TrustStoreChecks {
  /**
   * One station's check: the query sent last, the answer compared last and when, what it found, and
   * the installs and deletes sent after it.
   */
  record Check(
      String stationId,
      Optional<Long> query,
      Optional<Long> evaluated,
      Optional<Instant> checkedAt,
      Optional<Boolean> inSync,
      int missing,
      int extra,
      String detail,
      String differenceSha256,
      int rounds,
      List<Long> changes) {}

  Optional<Check> find(String stationId);

  /** Every station checked so far, by id. */
  List<Check> all();

  /** A GetInstalledCertificateIds was sent: {@code delivery}. */
  void queried(String stationId, long delivery);

  /**
   * The answer of {@code query} was compared at {@code at}; {@code changes} were sent, the {@code
   * rounds}-th round in a row for the difference whose SHA-256 is {@code differenceSha256}.
   */
  void evaluated(
      String stationId,
      long query,
      Instant at,
      TrustStoreDiff.Comparison comparison,
      String differenceSha256,
      int rounds,
      List<Long> changes);

  /** The station gave no answer to {@code query}: its trust store is unknown, for {@code why}. */
  void unanswered(String stationId, long query, Instant at, String why);

  /** Runs {@code pass} if no other instance is running one; empty if another is. */
  <T> Optional<T> exclusively(Supplier<T> pass);
}
