package dev.pncpki.runtime.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;
import java.util.Properties;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failing statement's exception, against real PostgreSQL: its SQL is named, its values are not.
 */
class QuietErrorsTest {
  private static final String SECRET = "pbkdf2-sha256$600000$c2VjcmV0LXNhbHQ$c2VjcmV0LWhhc2g";

  @TempDir Path dir;

  @Test
  void aFailedStatementNamesItsSqlAndTheServerMessageButNoValue() {
    try (EmbeddedDatabase db = EmbeddedDatabase.start(dir.resolve("pg"))) {
      Properties driver = new Properties();
      driver.setProperty(QuietErrors.DRIVER_PROPERTY, "false");
      Jdbi jdbi = QuietErrors.on(Jdbi.create(db.jdbcUrl(), driver));
      jdbi.useHandle(
          h ->
              h.execute(
                  "CREATE TABLE account (id text NOT NULL, hash text CHECK (length(id) < 4))"));

      Throwable failed =
          catchThrowable(
              () ->
                  jdbi.useHandle(
                      h ->
                          h.createUpdate("INSERT INTO account (id, hash) VALUES (:id, :hash)")
                              .bind("id", "too-long-id")
                              .bind("hash", SECRET)
                              .execute()));

      StringBuilder everything = new StringBuilder();
      for (Throwable t = failed; t != null; t = t.getCause()) {
        everything.append(t).append('\n');
      }
      assertThat(everything.toString())
          .contains("violates check constraint")
          .contains("INSERT INTO account (id, hash) VALUES (:id, :hash)")
          .doesNotContain(SECRET)
          .doesNotContain("too-long-id");
    }
  }
}
