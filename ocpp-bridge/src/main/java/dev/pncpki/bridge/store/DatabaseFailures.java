package dev.pncpki.bridge.store;

import java.sql.SQLException;
import org.jdbi.v3.core.JdbiException;

/** Tells a failure of the bridge's database from other failures, for those outside this package. */
public final class DatabaseFailures {
  private DatabaseFailures() {}

  /** Whether {@code e} (or what caused it) is the database failing: a 503, worth a retry. */
  public static boolean isDatabase(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof JdbiException || t instanceof SQLException) {
        return true;
      }
    }
    return false;
  }
}
