package dev.pncpki.bridge.logs;

/**
 * An upload to the bridge's own upload URL that is not kept, and why; the admin API answers each
 * reason with its own problem code.
 */
public final class UploadRefusal extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why. */
  public enum Reason {
    /** No log request waits for a file under this token (unknown, or its request is over). */
    NO_SUCH_UPLOAD,
    /** The request's file arrived already: an upload URL takes one file, once. */
    ALREADY_UPLOADED,
    /** The body holds no file. */
    EMPTY
  }

  private final Reason reason;

  public UploadRefusal(Reason reason, String detail) {
    super(detail);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
