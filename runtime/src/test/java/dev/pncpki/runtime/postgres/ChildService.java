package dev.pncpki.runtime.postgres;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A service in a JVM of its own that runs an embedded database, as the CA and the bridge do: it
 * prints {@code ready <pid of postgres> <jdbc url>} once PostgreSQL takes connections and runs
 * until its standard input ends (so it ends with the test that started it, unless it is killed).
 */
public final class ChildService {
  private ChildService() {}

  public static void main(String[] args) throws IOException {
    try (EmbeddedDatabase db = EmbeddedDatabase.start(Path.of(args[0]))) {
      db.serving();
      System.out.println("ready " + db.pid() + " " + db.jdbcUrl());
      System.out.flush();
      while (System.in.read() >= 0) {
        // until the test ends
      }
    }
  }
}
