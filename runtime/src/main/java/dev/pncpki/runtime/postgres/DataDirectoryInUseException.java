package dev.pncpki.runtime.postgres;

/**
 * The data directory of an embedded PostgreSQL is in use by a live process: a second service
 * started on the same data directory. Its message is the one line a start-up refusal shows.
 */
public final class DataDirectoryInUseException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  public DataDirectoryInUseException(String message) {
    super(message);
  }
}
