package dev.pncpki.ca.store;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's number among the CA instances sharing the database, held as a PostgreSQL
 * session-level advisory lock (two-key form, in a key space of its own) on a connection kept for
 * it. Every issuance it records as pending carries that number ({@code certificate.owner}). The
 * lock lives exactly as long as the session: when the instance dies, the kernel closes its
 * connections and PostgreSQL releases the lock at once. So whether the owner of a pending row still
 * works on it is one question to the database, {@link #isAlive}, with no clock and no lease to wait
 * out; a live instance's rows are never taken from it.
 *
 * <p>A lost connection (PostgreSQL restarted, say) loses the lock: {@link #keep} notices and takes
 * it again, with the same number if it is free. Meanwhile another instance may have resolved this
 * one's pending rows; their completion then fails cleanly ({@link IssuanceAbandonedException}).
 */
public final class InstanceLock implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(InstanceLock.class);

  /** The first key of every instance lock ("pnci"); the second is the instance's number. */
  static final int KEY_SPACE = 0x706e6369;

  private final DataSource pool;
  private final SecureRandom random = new SecureRandom();
  private Connection connection; // guarded by this
  private int owner; // guarded by this

  private InstanceLock(DataSource pool) {
    this.pool = pool;
  }

  /** Takes a free number for this instance; throws {@link StoreException} without a database. */
  public static InstanceLock acquire(DataSource pool) {
    InstanceLock lock = new InstanceLock(pool);
    synchronized (lock) {
      lock.take(lock.random.nextInt(Integer.MAX_VALUE));
    }
    return lock;
  }

  /** The number this instance's pending rows carry. */
  public synchronized int owner() {
    return owner;
  }

  /**
   * Checks the lock's session and, if it was lost, takes the lock again. Returns whether the
   * instance held it throughout since the last call; false means other instances may have resolved
   * rows it still works on.
   *
   * @throws StoreException when the lock cannot be taken again (no database)
   */
  public synchronized boolean keep() {
    if (connection == null) {
      take(owner); // the database was away at the last try
      return false;
    }
    try (PreparedStatement s = connection.prepareStatement("select 1")) {
      s.setQueryTimeout(5);
      s.executeQuery().close();
      return true;
    } catch (SQLException lost) {
      LOG.warn("lost the session holding instance lock {}: {}", owner, lost.getMessage());
      closeQuietly();
      take(owner);
      return false;
    }
  }

  /**
   * Whether the instance numbered {@code owner} is alive, asked inside the caller's transaction. If
   * it is not, the caller holds its lock until the transaction ends, so no new instance takes that
   * number while the caller resolves what the dead one left.
   */
  public static boolean isAlive(Handle h, int owner) {
    return h.attach(InFlightDao.class).alive(KEY_SPACE, owner);
  }

  /** Takes the lock on {@code preferred}, else on the first free random number. */
  private void take(int preferred) {
    try {
      connection = pool.getConnection();
      connection.setAutoCommit(true);
      int candidate = preferred;
      for (int tries = 0; !tryLock(candidate); tries++) {
        if (tries > 100) {
          throw new StoreException("no free instance number after 100 tries", null);
        }
        candidate = random.nextInt(Integer.MAX_VALUE);
      }
      if (owner != 0 && candidate != owner) {
        LOG.warn("instance lock {} was taken meanwhile; this instance is now {}", owner, candidate);
      }
      owner = candidate;
    } catch (SQLException e) {
      closeQuietly();
      throw new StoreException("cannot take the instance lock: " + e.getMessage(), e);
    }
  }

  private boolean tryLock(int candidate) throws SQLException {
    try (PreparedStatement s = connection.prepareStatement("select pg_try_advisory_lock(?, ?)")) {
      s.setInt(1, KEY_SPACE);
      s.setInt(2, candidate);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  private void closeQuietly() {
    if (connection == null) {
      return;
    }
    try {
      connection.close();
    } catch (SQLException e) {
      // a broken connection: the pool drops it
    }
    connection = null;
  }

  /** Releases the lock with its session (closing a pooled connection would keep the session). */
  @Override
  public synchronized void close() {
    if (connection == null) {
      return;
    }
    try (PreparedStatement s = connection.prepareStatement("select pg_advisory_unlock(?, ?)")) {
      s.setInt(1, KEY_SPACE);
      s.setInt(2, owner);
      s.execute();
    } catch (SQLException e) {
      // the session is gone, and the lock with it
    }
    closeQuietly();
  }
}
