package dev.pncpki.bridge.alerts;

import java.time.Duration;

/**
 * Alert thresholds from the bridge's YAML (each left out takes its default): look every {@code
 * checkIntervalSeconds} (60); alert for a CA certificate ending within {@code caCertificateDays}
 * (30), a CRL whose nextUpdate is within {@code crlHours} (12) or passed, a cached OCSP response
 * within {@code ocspHours} (12) of its nextUpdate, and a station certificate ending within {@code
 * stationRiskDays} (14) whose renewal failed or whose station is not connected. {@code webhook} is
 * optional.
 */
public record AlertSettings(
    Integer checkIntervalSeconds,
    Integer caCertificateDays,
    Integer crlHours,
    Integer ocspHours,
    Integer stationRiskDays,
    Webhook webhook) {

  /**
   * Where to POST alerts, and the HMAC secret that signs them ({@link WebhookSink}). {@code
   * toString} leaves the secret out, because configurations get logged.
   */
  public record Webhook(String url, String secret) {
    public Webhook {
      WebhookSink.check(url, secret);
    }

    @Override
    public String toString() {
      return "Webhook[url=" + url + ", secret=(redacted)]";
    }
  }

  public AlertSettings {
    checkIntervalSeconds = checkIntervalSeconds == null ? 60 : checkIntervalSeconds;
    caCertificateDays = caCertificateDays == null ? 30 : caCertificateDays;
    crlHours = crlHours == null ? 12 : crlHours;
    ocspHours = ocspHours == null ? 12 : ocspHours;
    stationRiskDays = stationRiskDays == null ? 14 : stationRiskDays;
    if (checkIntervalSeconds < 1
        || caCertificateDays < 0
        || crlHours < 0
        || ocspHours < 0
        || stationRiskDays < 0) {
      throw new IllegalArgumentException(
          "alert settings out of range: checkIntervalSeconds must be at least 1, the thresholds"
              + " not negative");
    }
  }

  public static AlertSettings defaults() {
    return new AlertSettings(null, null, null, null, null, null);
  }

  public Duration checkInterval() {
    return Duration.ofSeconds(checkIntervalSeconds);
  }

  public Duration caCertificateWindow() {
    return Duration.ofDays(caCertificateDays);
  }

  public Duration crlWindow() {
    return Duration.ofHours(crlHours);
  }

  public Duration ocspWindow() {
    return Duration.ofHours(ocspHours);
  }

  public Duration stationRiskWindow() {
    return Duration.ofDays(stationRiskDays);
  }
}
