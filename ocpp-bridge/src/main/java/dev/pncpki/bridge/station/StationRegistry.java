package dev.pncpki.bridge.station;

import java.util.List;
import java.util.Optional;

/**
 * The stations that may connect, as every bridge instance sharing the database sees them.
 * Registration writes here; connections read from here, so a change holds on the next connection.
 */
public interface StationRegistry {
  Optional<Station> find(String id);

  /** Every station, by id. */
  List<Station> all();

  /** Stores a new station; false if the id is taken. */
  boolean add(Station station);

  /**
   * Stores a station of the configuration file unless a station of that id was ever seeded before
   * (one an admin deleted stays deleted); false if it was.
   */
  boolean seed(Station station);

  /** False if there is no such station. */
  boolean setEnabled(String id, boolean enabled);

  /** False if there is no such station. */
  boolean remove(String id);
}
