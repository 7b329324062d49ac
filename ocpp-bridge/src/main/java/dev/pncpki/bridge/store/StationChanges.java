package dev.pncpki.bridge.store;

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
 * Hears every change that ends what a station may do (disabled, deleted: {@code NOTIFY
 * station_change} from {@link StationTable}), on whichever instance made it, and tells this
 * instance, which holds some stations' connections.
 */
public final class StationChanges implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StationChanges.class);
  private final DataSource source;
  private final Consumer<String> changed;
  private volatile boolean running;
  private Thread thread;

  public StationChanges(DataSource source, Consumer<String> changed) {
    this.source = source;
    this.changed = changed;
  }

  public void start() {
    running = true;
    thread = Thread.ofPlatform().daemon().name("station-changes").start(this::listen);
  }

  private void listen() {
    while (running) {
      try (Connection c = source.getConnection();
          Statement s = c.createStatement()) {
        s.execute("LISTEN " + StationTable.CHANNEL);
        PGConnection pg = c.unwrap(PGConnection.class);
        while (running) {
          PGNotification[] notes = pg.getNotifications(1_000);
          if (notes != null) {
            for (PGNotification n : notes) {
              changed.accept(n.getParameter());
            }
          }
        }
      } catch (SQLException | RuntimeException e) {
        if (running) {
          LOG.info("station changes: listening again in 2 s ({})", e.getMessage());
          pause();
        }
      }
    }
  }

  private static void pause() {
    try {
      Thread.sleep(2_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    running = false;
    if (thread != null) {
      thread.interrupt();
    }
  }
}
