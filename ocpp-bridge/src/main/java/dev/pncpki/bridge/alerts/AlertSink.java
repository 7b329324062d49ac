package dev.pncpki.bridge.alerts;

/**
 * Where alerts go (log, metrics, webhook). The hub calls a sink while holding its lock, so that a
 * sink sees the raises and clears of one key in order: a sink must return quickly and hand slow
 * work (network) to another thread.
 */
public interface AlertSink {
  void raised(Alert alert);

  void cleared(Alert alert);

  /**
   * An active alert whose detail changed without becoming more severe (a count went down, a
   * deadline came nearer): a sink that shows the detail may update it; others ignore it.
   */
  default void refreshed(Alert alert) {}
}
