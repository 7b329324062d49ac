package dev.pncpki.ca.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pncpki.ca.issuance.CertificateRow;
import dev.pncpki.ca.issuance.IssuanceAbandonedException;
import dev.pncpki.ca.issuance.IssuanceState;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batched issuance writes on the service's real schema: rows as the SQL object wrote them, and
 * a unique violation told apart by the server's constraint, not by the batch's message (which
 * quotes the whole statement, the idempotency_key column included).
 */
class IssuanceWritesIT {
  @TempDir static Path dir;
  private static Database database;
  private static Jdbi jdbi;

  @BeforeAll
  static void start() {
    database = Database.embedded(dir.resolve("pg"));
    jdbi = database.jdbi();
    jdbi.useHandle(
        h ->
            h.execute(
                "insert into authority (id, profile, key_ref, serial, certificate, not_after,"
                    + " base_url) values ('ca', 'cpo-sub-ca-2', 'k:1', '01', '\\x00', now(),"
                    + " 'http://localhost')"));
  }

  @AfterAll
  static void stop() throws Exception {
    database.close();
  }

  private static CertificateRow pending(String serial, String key) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    return new CertificateRow(
        "ca",
        serial,
        "charging-station-client",
        "CS-1",
        IssuanceState.PENDING,
        "admin",
        key,
        new byte[32],
        now,
        now,
        now.plus(1, ChronoUnit.DAYS),
        null,
        null,
        null,
        null);
  }

  @Test
  void aBatchInsertsPendingRowsAndCompletesThem() {
    jdbi.useTransaction(
        h ->
            IssuanceWrites.insertPending(
                h,
                List.of(pending("00000000000000a1", null), pending("00000000000000a2", "k-a")),
                7));
    jdbi.useTransaction(
        h ->
            IssuanceWrites.complete(
                h,
                List.of(
                    new IssuanceWrites.Completed("ca", "00000000000000a1", new byte[] {1}),
                    new IssuanceWrites.Completed("ca", "00000000000000a2", new byte[] {2}))));
    int issued =
        jdbi.withHandle(
            h ->
                h.createQuery(
                        "select count(*) from certificate where status = 'issued'"
                            + " and serial in ('00000000000000a1', '00000000000000a2')")
                    .mapTo(Integer.class)
                    .one());
    assertThat(issued).isEqualTo(2);
    // a completion of a row that is not pending (crash recovery failed it) fails the whole
    // transaction
    assertThatThrownBy(
            () ->
                jdbi.useTransaction(
                    h ->
                        IssuanceWrites.complete(
                            h,
                            List.of(
                                new IssuanceWrites.Completed(
                                    "ca", "00000000000000a9", new byte[] {9})))))
        .isInstanceOf(IssuanceAbandonedException.class);
  }

  @Test
  void onlyTheIdempotencyConstraintCountsAsAnIdempotencyConflict() {
    jdbi.useTransaction(
        h -> IssuanceWrites.insertPending(h, List.of(pending("00000000000000b1", "k-b")), 7));
    // the same serial again, with another idempotency key: the primary key, not the key's
    assertThatThrownBy(
            () ->
                jdbi.useTransaction(
                    h ->
                        IssuanceWrites.insertPending(
                            h, List.of(pending("00000000000000b1", "k-other")), 7)))
        .satisfies(
            e ->
                assertThat(
                        IssuanceWrites.uniqueViolation(
                            e, IssuanceWrites.IDEMPOTENCY_KEY_CONSTRAINT))
                    .isFalse());
    // another serial with the same requester and key: the idempotency constraint
    assertThatThrownBy(
            () ->
                jdbi.useTransaction(
                    h ->
                        IssuanceWrites.insertPending(
                            h,
                            List.of(
                                pending("00000000000000b3", null),
                                pending("00000000000000b2", "k-b")),
                            7)))
        .satisfies(
            e ->
                assertThat(
                        IssuanceWrites.uniqueViolation(
                            e, IssuanceWrites.IDEMPOTENCY_KEY_CONSTRAINT))
                    .isTrue());
  }
}
