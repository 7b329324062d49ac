package dev.pncpki.bridge.alerts;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Remembers what it was told as "raised key" / "cleared key". */
final class RecordingSink implements AlertSink {
  final List<String> events = new CopyOnWriteArrayList<>();

  @Override
  public void raised(Alert alert) {
    events.add("raised " + alert.key());
  }

  @Override
  public void cleared(Alert alert) {
    events.add("cleared " + alert.key());
  }
}
