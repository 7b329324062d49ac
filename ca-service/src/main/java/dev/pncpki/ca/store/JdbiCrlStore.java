package dev.pncpki.ca.store;

import dev.pncpki.ca.revocation.CrlBuild;
import dev.pncpki.ca.revocation.CrlStore;
import dev.pncpki.ca.revocation.PublishedCrl;
import dev.pncpki.ca.revocation.RevocationReason;
import dev.pncpki.ca.revocation.RevokedEntry;
import dev.pncpki.ca.revocation.SignedCrl;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * CRLs in PostgreSQL (table {@code crl}, migration V4). A CA's build lock is a session advisory
 * lock on the connection the build runs on, so it is released when that connection ends, even if
 * the instance dies mid-build. The revoked rows stream through a server-side cursor (a fetch size
 * inside a transaction) from one REPEATABLE READ snapshot, together with the revision of the CA's
 * revocations that snapshot holds.
 */
public final class JdbiCrlStore implements CrlStore {
  /** CRLs kept per CA: the newest and a few before it, for downloads still reading them. */
  static final int KEEP = 3;

  private static final int FETCH_SIZE = 10_000;
  private static final String LOCK_KEY = "hashtextextended('pnc-crl:' || :ca, 0)";
  private static final String LATEST =
      """
      select issuer_id, number, this_update, next_update, entries, length(der) as length
      from crl where issuer_id = :ca order by number desc limit 1
      """;
  private static final String REVOKED =
      """
      select serial, revoked_at, revocation_reason from certificate
      where issuer_id = :ca and revoked_at is not null and not_after > :at
      order by serial
      """;
  private static final String BEHIND =
      "select issuer_id from crl_number where revision > built_revision";

  private final Jdbi jdbi;

  public JdbiCrlStore(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  @Override
  public Optional<PublishedCrl> latest(String caId) {
    return jdbi.withHandle(h -> latest(h, caId));
  }

  private static Optional<PublishedCrl> latest(Handle h, String caId) {
    return h.createQuery(LATEST).bind("ca", caId).map(JdbiCrlStore::crl).findOne();
  }

  @Override
  public InputStream open(PublishedCrl crl) {
    return new CrlSlices(jdbi, crl);
  }

  @Override
  public Set<String> behind() {
    return new HashSet<>(jdbi.withHandle(h -> h.createQuery(BEHIND).mapTo(String.class).list()));
  }

  @Override
  public <T> Optional<T> locked(String caId, Duration wait, Function<CrlBuild, T> work) {
    return jdbi.withHandle(
        h -> {
          if (!lock(h, caId, wait)) {
            return Optional.empty();
          }
          try {
            return Optional.ofNullable(work.apply(new Build(h, caId)));
          } finally {
            h.createQuery("select pg_advisory_unlock(" + LOCK_KEY + ")")
                .bind("ca", caId)
                .mapTo(Boolean.class)
                .one();
          }
        });
  }

  private static boolean lock(Handle h, String caId, Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    while (true) {
      boolean taken =
          h.createQuery("select pg_try_advisory_lock(" + LOCK_KEY + ")")
              .bind("ca", caId)
              .mapTo(Boolean.class)
              .one();
      if (taken || System.nanoTime() >= deadline) {
        return taken;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
  }

  private static PublishedCrl crl(ResultSet rs, org.jdbi.v3.core.statement.StatementContext ctx)
      throws SQLException {
    return new PublishedCrl(
        rs.getString("issuer_id"),
        BigInteger.valueOf(rs.getLong("number")),
        rs.getTimestamp("this_update").toInstant(),
        rs.getTimestamp("next_update").toInstant(),
        rs.getLong("entries"),
        rs.getLong("length"));
  }

  /** One build on the connection that holds the lock. */
  private record Build(Handle h, String caId) implements CrlBuild {

    @Override
    public Optional<PublishedCrl> latest() {
      return JdbiCrlStore.latest(h, caId);
    }

    @Override
    public boolean behind() {
      return h.createQuery(
              "select count(*) > 0 from crl_number where issuer_id = :ca and revision > built_revision")
          .bind("ca", caId)
          .mapTo(Boolean.class)
          .one();
    }

    @Override
    public BigInteger nextNumber() {
      return BigInteger.valueOf(
          h.createQuery(
                  """
                  insert into crl_number (issuer_id, last_number) values (:ca, 1)
                  on conflict (issuer_id) do update set last_number = crl_number.last_number + 1
                  returning last_number
                  """)
              .bind("ca", caId)
              .mapTo(Long.class)
              .one());
    }

    @Override
    public long revoked(Instant notExpiredAt, Consumer<RevokedEntry> sink) {
      return h.inTransaction(
          TransactionIsolationLevel.REPEATABLE_READ,
          tx -> {
            long revision =
                tx.createQuery("select revision from crl_number where issuer_id = :ca")
                    .bind("ca", caId)
                    .mapTo(Long.class)
                    .findOne()
                    .orElse(0L);
            tx.createQuery(REVOKED)
                .bind("ca", caId)
                .bind("at", notExpiredAt)
                .setFetchSize(FETCH_SIZE)
                .map(
                    (rs, ctx) ->
                        new RevokedEntry(
                            new BigInteger(rs.getString(1), 16),
                            rs.getTimestamp(2).toInstant(),
                            RevocationReason.ofCode(rs.getShort(3))))
                .forEach(sink);
            return revision;
          });
    }

    @Override
    public void store(PublishedCrl crl, long revision, SignedCrl der) {
      if (der.length() > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("CRL of " + caId + " too large: " + der.length());
      }
      try (InputStream in = der.open()) {
        h.useTransaction(
            tx -> {
              tx.createUpdate(
                      """
                      insert into crl
                        (issuer_id, number, this_update, next_update, revision, entries, der)
                      values (:ca, :number, :thisUpdate, :nextUpdate, :revision, :entries, :der)
                      """)
                  .bind("ca", caId)
                  .bind("number", crl.number().longValueExact())
                  .bind("thisUpdate", crl.thisUpdate())
                  .bind("nextUpdate", crl.nextUpdate())
                  .bind("revision", revision)
                  .bind("entries", crl.entries())
                  .bind(
                      "der",
                      (p, statement, ctx) -> statement.setBinaryStream(p, in, (int) der.length()))
                  .execute();
              tx.createUpdate(
                      """
                      delete from crl where issuer_id = :ca and number < (
                        select min(number) from
                          (select number from crl where issuer_id = :ca
                           order by number desc limit :keep) newest)
                        and this_update < now() - interval '15 minutes'
                      """)
                  .bind("ca", caId)
                  .bind("keep", KEEP)
                  .execute();
              // last, so the row lock that revocations also take is held only until commit
              tx.createUpdate(
                      """
                      update crl_number set built_revision = greatest(built_revision, :revision)
                      where issuer_id = :ca
                      """)
                  .bind("ca", caId)
                  .bind("revision", revision)
                  .execute();
            });
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the CRL of " + caId + " to store it", e);
      }
    }
  }
}
