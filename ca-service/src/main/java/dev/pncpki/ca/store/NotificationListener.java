package dev.pncpki.ca.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listens on a PostgreSQL NOTIFY channel with a connection of its own and hands each payload to a
 * consumer. After a lost connection it reconnects and calls {@code onGap}, because notifications
 * sent meanwhile are gone and the caller must assume it missed some.
 */
public final class NotificationListener implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NotificationListener.class);
  private final DataSource dataSource;
  private final String channel;
  private final Consumer<String> onNotification;
  private final Runnable onGap;
  private final Thread thread;
  private volatile boolean running = true;

  public NotificationListener(
      DataSource dataSource, String channel, Consumer<String> onNotification, Runnable onGap) {
    if (!channel.matches("[a-z_]+")) {
      throw new IllegalArgumentException("channel " + channel);
    }
    this.dataSource = dataSource;
    this.channel = channel;
    this.onNotification = onNotification;
    this.onGap = onGap;
    this.thread = Thread.ofPlatform().name("listen-" + channel).daemon().unstarted(this::run);
  }

  public void start() {
    thread.start();
  }

  private void run() {
    boolean first = true;
    while (running) {
      try (Connection connection = dataSource.getConnection()) {
        try (Statement s = connection.createStatement()) {
          s.execute("LISTEN " + channel);
        }
        if (!first) {
          onGap.run();
        }
        first = false;
        PGConnection pg = connection.unwrap(PGConnection.class);
        while (running) {
          PGNotification[] notifications = pg.getNotifications(1_000);
          if (notifications != null) {
            for (PGNotification n : notifications) {
              onNotification.accept(n.getParameter());
            }
          }
        }
      } catch (SQLException | RuntimeException e) {
        if (running) {
          if (isShutdown(e)) {
            LOG.info("LISTEN {}: PostgreSQL is shutting down; reconnecting", channel);
          } else {
            LOG.warn("lost LISTEN {}; reconnecting: {}", channel, e.getMessage());
          }
          first = false;
          sleep();
        }
      }
    }
  }

  /** SQLSTATE 57P01 (admin_shutdown): the server stops, as it does with the service. */
  private static boolean isShutdown(Exception e) {
    return e instanceof SQLException s && "57P01".equals(s.getSQLState());
  }

  private static void sleep() {
    try {
      Thread.sleep(1_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    running = false;
    thread.interrupt();
  }
}
