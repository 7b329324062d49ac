package dev.pncpki.ca.revocation;

import java.time.Duration;
import java.util.Objects;

/**
 * How the OCSP responder answers.
 *
 * @param validity nextUpdate - thisUpdate of every response; OCPP stations cache a response for up
 *     to a week (OCPP 2.0.1 M06.FR.10), so the default is 7 days
 * @param refreshAfter age after which a pre-signed response is signed again; the default, half the
 *     validity, means a station never gets a response with less than half its validity left
 * @param maxSingleRequests more CertIDs than this in one request are refused as malformed, so one
 *     request cannot make the responder look up an unbounded number of serials
 * @param maxCachedResponses bound of the pre-signed cache (about 1 KB each, signer certificate
 *     included); the oldest entries are dropped beyond it; 0 turns the cache off
 */
public record OcspSettings(
    Duration validity, Duration refreshAfter, int maxSingleRequests, int maxCachedResponses) {

  public OcspSettings {
    Objects.requireNonNull(validity, "validity");
    Objects.requireNonNull(refreshAfter, "refreshAfter");
    if (validity.compareTo(Duration.ofMinutes(1)) < 0) {
      throw new IllegalArgumentException("OCSP validity must be at least 1 minute, is " + validity);
    }
    if (refreshAfter.isNegative() || refreshAfter.compareTo(validity) > 0) {
      throw new IllegalArgumentException(
          "OCSP refreshAfter must be between 0 and the validity "
              + validity
              + ", is "
              + refreshAfter);
    }
    if (maxSingleRequests < 1) {
      throw new IllegalArgumentException("maxSingleRequests must be >= 1, is " + maxSingleRequests);
    }
    if (maxCachedResponses < 0) {
      throw new IllegalArgumentException(
          "maxCachedResponses must be >= 0, is " + maxCachedResponses);
    }
  }

  public static OcspSettings defaults() {
    Duration week = Duration.ofDays(7);
    return new OcspSettings(week, week.dividedBy(2), 10, 100_000);
  }

  public OcspSettings withValidity(Duration newValidity) {
    return new OcspSettings(
        newValidity, newValidity.dividedBy(2), maxSingleRequests, maxCachedResponses);
  }

  public OcspSettings withMaxCachedResponses(int max) {
    return new OcspSettings(validity, refreshAfter, maxSingleRequests, max);
  }

  public OcspSettings withMaxSingleRequests(int max) {
    return new OcspSettings(validity, refreshAfter, max, maxCachedResponses);
  }
}
