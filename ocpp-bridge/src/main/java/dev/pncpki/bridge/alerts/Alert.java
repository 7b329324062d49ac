package dev.pncpki.bridge.alerts;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Something the operations centre should look at. {@code key} is the identity: the hub raises an
 * alert once per key and clears it when its check no longer reports the key, so a key must name the
 * thing (CA, CRL, station certificate, campaign wave) and never a measurement of it. {@code since}
 * is when the condition was first seen.
 *
 * <p>The factories below build every kind from plain values, so the callers that read the bridge's
 * database (store, outbox) hand in data and this package stays free of it. They decide severity
 * only; whether a thing is within its threshold is the caller's decision (see {@link
 * AlertSettings}).
 */
public record Alert(
    Kind kind, String key, String subject, Severity severity, String detail, Instant since) {

  /** What an alert is about; {@link #wireName()} is its name in JSON and metric names. */
  public enum Kind {
    STATION_AT_RISK("station-at-risk"),
    CAMPAIGN_WAVE_FAILED("campaign-wave-failed"),
    CA_CERTIFICATE_EXPIRING("ca-certificate-expiring"),
    CRL_NEAR_NEXT_UPDATE("crl-near-next-update"),
    OCSP_NEAR_NEXT_UPDATE("ocsp-near-next-update"),
    CA_REVOKED("ca-revoked"),
    ROOT_EXPIRING("root-expiring"),
    TRUST_STORE_DIFFERS("trust-store-differs");

    private final String wireName;

    Kind(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }
  }

  /** In rising order: a later constant is more severe. */
  public enum Severity {
    WARNING,
    CRITICAL
  }

  /** Inside this, an end that has not passed yet is already critical: a week leaves no slack. */
  static final Duration URGENT = Duration.ofDays(7);

  public Alert {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(detail, "detail");
    Objects.requireNonNull(since, "since");
    if (key.isBlank()) {
      throw new IllegalArgumentException("an alert needs a key");
    }
  }

  /** The same alert first seen at {@code since} (the hub keeps the first sighting). */
  public Alert since(Instant first) {
    return new Alert(kind, key, subject, severity, detail, first);
  }

  /** The JSON view sent to webhooks and admin endpoints; {@code since} is ISO-8601. */
  public ObjectNode toJson() {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("kind", kind.wireName());
    json.put("key", key);
    json.put("subject", subject);
    json.put("severity", severity.name().toLowerCase(java.util.Locale.ROOT));
    json.put("detail", detail);
    json.put("since", since.toString());
    return json;
  }

  /**
   * A station certificate ending soon whose renewal is not on track ({@code reason}: the renewal
   * failed, the station is not connected, ...).
   */
  public static Alert stationAtRisk(
      String stationId, String certificateType, Instant notAfter, String reason, Instant now) {
    return new Alert(
        Kind.STATION_AT_RISK,
        "station:" + stationId + ":" + certificateType,
        stationId,
        endSeverity(notAfter, now),
        certificateType + " " + ends(notAfter, now) + ": " + reason,
        now);
  }

  /**
   * A wave of a certificate campaign in which stations failed; critical when half or more failed
   * (the campaign should stop rather than carry on to the next wave).
   */
  public static Alert waveFailed(String campaignId, int wave, int failed, int total, Instant now) {
    return new Alert(
        Kind.CAMPAIGN_WAVE_FAILED,
        "campaign:" + campaignId + ":wave:" + wave,
        campaignId,
        2L * failed >= total ? Severity.CRITICAL : Severity.WARNING,
        "wave " + wave + ": " + failed + " of " + total + " station(s) failed",
        now);
  }

  /** A CA certificate nearing its end; critical once expired or within a week. */
  public static Alert caExpiring(String caId, Instant notAfter, Instant now) {
    return new Alert(
        Kind.CA_CERTIFICATE_EXPIRING,
        "ca:" + caId,
        caId,
        endSeverity(notAfter, now),
        "CA certificate " + ends(notAfter, now),
        now);
  }

  /**
   * A root of the CA's root certificate pool nearing its end; critical once expired or within a
   * week (stations that trust only it then fail every chain under it).
   */
  public static Alert rootExpiring(
      String rootId, String type, String subject, Instant notAfter, Instant now) {
    return new Alert(
        Kind.ROOT_EXPIRING,
        "root:" + rootId,
        subject,
        endSeverity(notAfter, now),
        type + " root " + subject + " " + ends(notAfter, now),
        now);
  }

  /**
   * A station whose trust store differs from policy ({@code why}: what it lacks and holds beyond
   * it): vehicles or contracts under a missing root fail there, and a distrusted root is still
   * trusted there.
   */
  public static Alert trustStoreDiffers(String stationId, String why, Instant now) {
    return new Alert(
        Kind.TRUST_STORE_DIFFERS,
        "trust-store:" + stationId,
        stationId,
        Severity.WARNING,
        "station " + stationId + " trust store differs from policy: " + why,
        now);
  }

  /**
   * A revoked CA that issued the current certificates of {@code stations} enabled stations: they
   * fail path validation (RFC 5280 6.1.3) until they are moved, so it is critical from the start.
   * {@code counts} gives the stations per certificate type, {@code command} what moves them.
   */
  public static Alert caRevoked(
      String caId, String subject, int stations, String counts, String command, Instant now) {
    return new Alert(
        Kind.CA_REVOKED,
        "ca-revoked:" + caId,
        caId,
        Severity.CRITICAL,
        "CA "
            + caId
            + " ("
            + subject
            + ") is revoked and issued the current certificates of "
            + stations
            + " station(s) ("
            + counts
            + "); move them: "
            + command,
        now);
  }

  /**
   * A CA's CRL whose nextUpdate is near; critical once passed, since relying parties that check
   * revocation then reject every certificate of that CA.
   */
  public static Alert crlNearNextUpdate(
      String caId, String crlUrl, Instant nextUpdate, Instant now) {
    return new Alert(
        Kind.CRL_NEAR_NEXT_UPDATE,
        "crl:" + caId,
        caId,
        passedSeverity(nextUpdate, now),
        "CRL " + crlUrl + " nextUpdate " + passes(nextUpdate, now),
        now);
  }

  /**
   * A CA's CRL that could not be fetched or read. It has the key of {@link #crlNearNextUpdate}: it
   * is the same CRL, and a fetch that starts working again clears it.
   */
  public static Alert crlUnavailable(String caId, String crlUrl, String reason, Instant now) {
    return new Alert(
        Kind.CRL_NEAR_NEXT_UPDATE,
        "crl:" + caId,
        caId,
        Severity.WARNING,
        "CRL " + crlUrl + " unavailable: " + reason,
        now);
  }

  /** A cached OCSP response (stapled for {@code subject}) whose nextUpdate is near or passed. */
  public static Alert ocspStale(String subject, Instant nextUpdate, Instant now) {
    return new Alert(
        Kind.OCSP_NEAR_NEXT_UPDATE,
        "ocsp:" + subject,
        subject,
        passedSeverity(nextUpdate, now),
        "OCSP response nextUpdate " + passes(nextUpdate, now),
        now);
  }

  private static Severity endSeverity(Instant end, Instant now) {
    return end.isBefore(now.plus(URGENT)) ? Severity.CRITICAL : Severity.WARNING;
  }

  private static Severity passedSeverity(Instant end, Instant now) {
    return end.isAfter(now) ? Severity.WARNING : Severity.CRITICAL;
  }

  private static String ends(Instant end, Instant now) {
    return (end.isAfter(now) ? "ends " : "ended ") + end + " (" + distance(end, now) + ")";
  }

  private static String passes(Instant end, Instant now) {
    return (end.isAfter(now) ? "is " : "passed ") + end + " (" + distance(end, now) + ")";
  }

  private static String distance(Instant end, Instant now) {
    Duration d = Duration.between(now, end);
    Duration abs = d.abs();
    String amount =
        abs.toDays() >= 2 ? abs.toDays() + " days" : Math.max(abs.toHours(), 0) + " hours";
    return d.isNegative() ? amount + " ago" : "in " + amount;
  }
}
