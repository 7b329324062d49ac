package dev.pncpki.ca.app;

import dev.pncpki.ca.store.Database;
import java.nio.file.Path;

/**
 * {@code database:} either {@code embeddedDirectory} (real PostgreSQL started in-process, for the
 * embedded default) or {@code url}, {@code user}, {@code password} of an external PostgreSQL.
 */
public record DatabaseSettings(
    String embeddedDirectory, String url, String user, String password, Integer maxPoolSize) {

  Database open() {
    if (embeddedDirectory != null && !embeddedDirectory.isBlank()) {
      return Database.embedded(Path.of(embeddedDirectory));
    }
    if (url == null) {
      throw new IllegalArgumentException("database: set embeddedDirectory or url");
    }
    return Database.external(url, user, password, maxPoolSize == null ? 20 : maxPoolSize);
  }

  @Override
  public String toString() {
    return "DatabaseSettings[embeddedDirectory="
        + embeddedDirectory
        + ", url="
        + url
        + ", user="
        + user
        + ", password=***]";
  }
}
