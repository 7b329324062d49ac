package dev.pncpki.bridge.alerts;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alerts as one log line each: WARN when raised, INFO when cleared. Station ids and CRL fetch
 * errors come from outside, so control characters are replaced to keep one alert on one line (no
 * forged log lines).
 */
public final class LogSink implements AlertSink {
  private static final Logger LOG = LoggerFactory.getLogger(LogSink.class);

  @Override
  public void raised(Alert alert) {
    LOG.warn(
        "alert raised: {} {} subject={} severity={} since={}: {}",
        alert.kind().wireName(),
        clean(alert.key()),
        clean(alert.subject()),
        alert.severity(),
        alert.since(),
        clean(alert.detail()));
  }

  @Override
  public void cleared(Alert alert) {
    LOG.info(
        "alert cleared: {} {} subject={}: {}",
        alert.kind().wireName(),
        clean(alert.key()),
        clean(alert.subject()),
        clean(alert.detail()));
  }

  static String clean(String text) {
    return text.replaceAll("\\p{Cntrl}", "?");
  }
}
