package dev.pncpki.ca.app;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
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
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(url);
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(maxPoolSize == null ? 20 : maxPoolSize);
    config.setConnectionTimeout(5_000); // fail fast into a 503 rather than hang
    config.setInitializationFailTimeout(-1); // start even if the database is down; recover later
    return Database.open(new HikariDataSource(config));
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
