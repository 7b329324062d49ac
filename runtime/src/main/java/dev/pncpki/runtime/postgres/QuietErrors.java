package dev.pncpki.runtime.postgres;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.StatementException;
import org.jdbi.v3.core.statement.StatementExceptions;

/**
 * Database errors that are safe to log. By default JDBI writes a failed statement's bound arguments
 * into its exception message, and the PostgreSQL driver the server's detail (a failing row, in
 * full): a password hash or a sealed secret would reach the log with them. These settings keep the
 * server's message and the statement's SQL, which is what an operator needs, and drop the values.
 */
public final class QuietErrors {
  /** The PostgreSQL JDBC property that keeps the server's detail out of exceptions. */
  public static final String DRIVER_PROPERTY = "logServerErrorDetail";

  private static final int SQL_SHOWN = 160;

  private QuietErrors() {}

  /** {@code jdbi}, its statement exceptions naming their SQL and none of their arguments. */
  public static Jdbi on(Jdbi jdbi) {
    jdbi.getConfig(StatementExceptions.class).setMessageRendering(QuietErrors::render);
    return jdbi;
  }

  static String render(StatementException e) {
    StatementContext context = e.getStatementContext();
    String sql = context == null ? null : context.getRawSql();
    String message = e.getShortMessage();
    if (sql == null) {
      return message;
    }
    String oneLine = sql.strip().replaceAll("\\s+", " ");
    return message
        + " [statement: "
        + (oneLine.length() > SQL_SHOWN ? oneLine.substring(0, SQL_SHOWN) + "…" : oneLine)
        + "]";
  }
}
