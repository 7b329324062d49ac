package dev.pncpki.runtime.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.DriverManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real PostgreSQL binaries: durable settings, data kept between starts, a second close harmless.
 */
class EmbeddedDatabaseTest {
  @TempDir Path dir;

  @Test
  void startsDurableKeepsItsDataAndStopsOnce() throws Exception {
    try (EmbeddedDatabase db = EmbeddedDatabase.start(dir.resolve("pg"))) {
      db.serving();
      try (var c = DriverManager.getConnection(db.jdbcUrl());
          var s = c.createStatement()) {
        s.execute("CREATE TABLE kept (v text)");
        s.execute("INSERT INTO kept VALUES ('across starts')");
        for (String setting : new String[] {"fsync", "synchronous_commit", "full_page_writes"}) {
          try (var rs = s.executeQuery("SHOW " + setting)) {
            rs.next();
            assertThat(rs.getString(1)).as(setting).isEqualTo("on");
          }
        }
      }
      db.close(); // the lifecycle's close; the try's is then a no-op
    }
    try (EmbeddedDatabase again = EmbeddedDatabase.start(dir.resolve("pg"));
        var c = DriverManager.getConnection(again.jdbcUrl());
        var s = c.createStatement();
        var rs = s.executeQuery("SELECT v FROM kept")) {
      rs.next();
      assertThat(rs.getString(1)).isEqualTo("across starts");
    }
  }
}
