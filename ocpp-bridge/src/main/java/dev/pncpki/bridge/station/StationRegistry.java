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

  /** What storing a new station came to. */
  enum Addition {
    ADDED,
    /** A station of this id is registered, in any letter case ({@code cs-1} is {@code CS-1}). */
    ID_TAKEN,
    /** One of its SECC IDs is another station's: a SECC certificate names one station only. */
    SECC_ID_TAKEN,
    /** A configuration seed of this id was stored once before (and maybe deleted since). */
    SEEDED_BEFORE
  }

  /** Stores a new station unless its id or one of its SECC IDs is taken. */
  Addition add(Station station);

  /**
   * Stores a station of the configuration file unless a station of that id was ever seeded before
   * (one an admin deleted stays deleted), and as {@link #add} would.
   */
  Addition seed(Station station);

  /** False if there is no such station. */
  boolean setEnabled(String id, boolean enabled);

  /** False if there is no such station. */
  boolean remove(String id);
}
